package dev.maa.spring.boot.autoconfigure.web;

import dev.maa.api.Maa;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Calls protected (blocking) methods from WebFlux code: {@code MaaReactive.call(() -> devices.wipe(id))} is a
 * {@code Mono} of the result that runs the call on {@link Schedulers#boundedElastic()}, never on an event-loop
 * thread, with the request's signed-in user (Spring Security's reactive context, set as the thread's security
 * context for the call) and its {@code Maa-Justification}/{@code Maa-Urgent} scope ({@link MaaReactiveRequestHeaders}).
 *
 * <p>Why a wrapper and not reactive protected methods: deciding may ask the store (park, break-glass) and a policy
 * server, which blocks; and an approved call is replayed later by the executor, which must see the call run, not
 * receive an unsubscribed {@code Mono}. So {@code @Protected} methods stay blocking (the advisor refuses one that
 * returns a {@code Publisher}, and a protected call made on an event-loop thread), and reactive code reaches them
 * here. A parked call ends the {@code Mono} with {@code ApprovalRequiredException}, answered 202 by
 * {@link MaaProblemAnswers} as in Spring MVC.
 */
public final class MaaReactive {

    private static final boolean SECURITY = ClassUtils.isPresent(
            "org.springframework.security.core.context.ReactiveSecurityContextHolder",
            MaaReactive.class.getClassLoader());

    private MaaReactive() {}

    /** The call, run on a worker thread as the request's user and with its justification; empty for null. */
    public static <T> Mono<T> call(Callable<T> call) {
        return Mono.deferContextual(ctx -> {
            MaaRequestHeaders.Asked asked = ctx.getOrDefault(MaaRequestHeaders.Asked.class, null);
            Mono<Optional<Object>> security = SECURITY ? Security.current() : Mono.just(Optional.empty());
            return security.flatMap(sc -> Mono.fromCallable(() -> run(sc.orElse(null), asked, call))
                    .subscribeOn(Schedulers.boundedElastic()));
        });
    }

    private static <T> T run(Object security, MaaRequestHeaders.Asked asked, Callable<T> call) throws Exception {
        if (security == null) {
            try (Maa.Scope scope = asked == null ? null : asked.open()) {
                return call.call();
            }
        }
        return Security.runAs(security, () -> {
            try (Maa.Scope scope = asked == null ? null : asked.open()) {
                return call.call();
            }
        });
    }

    /** Spring Security's part, loaded only when Spring Security is on the class path. */
    private static final class Security {

        static Mono<Optional<Object>> current() {
            return ReactiveSecurityContextHolder.getContext()
                    .map(Optional::<Object>of)
                    .defaultIfEmpty(Optional.empty());
        }

        static <T> T runAs(Object context, Callable<T> call) throws Exception {
            SecurityContext previous = SecurityContextHolder.getContext();
            SecurityContextHolder.setContext((SecurityContext) context);
            try {
                return call.call();
            } finally {
                SecurityContextHolder.setContext(previous);
            }
        }
    }
}
