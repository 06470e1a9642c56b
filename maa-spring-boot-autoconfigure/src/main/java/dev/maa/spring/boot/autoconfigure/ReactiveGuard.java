package dev.maa.spring.boot.autoconfigure;

import dev.maa.api.MaaConfigurationException;
import java.lang.reflect.Method;
import org.reactivestreams.Publisher;
import org.springframework.util.ClassUtils;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps protected calls off reactive paths they cannot take (fail closed, with the way out named): a
 * {@code @Protected} method returning a {@code Publisher} (its replay after approval would only assemble the
 * publisher, and nothing would run while the request read COMPLETED), and a protected call made on an event-loop
 * thread (deciding may wait on the store or a policy server and would stall every request that loop serves). Both
 * are answered by {@code MaaReactive.call}, which runs blocking protected methods on a worker thread.
 */
final class ReactiveGuard {

    private static final boolean REACTOR =
            ClassUtils.isPresent("reactor.core.scheduler.Schedulers", ReactiveGuard.class.getClassLoader());

    private ReactiveGuard() {}

    /** {@code method}, unless it returns a reactive type. */
    static Method blockingOnly(Method method) {
        if (REACTOR && Reactor.isPublisher(method.getReturnType())) {
            throw new MaaConfigurationException(method.getDeclaringClass().getName() + "." + method.getName()
                    + " is @Protected and returns " + method.getReturnType().getSimpleName() + ": a reactive"
                    + " method cannot be parked and replayed. Protect the blocking method it calls instead, and call"
                    + " that from reactive code with MaaReactive.call(() -> ...).");
        }
        return method;
    }

    /** Refuses a protected call on a non-blocking (event-loop) thread. */
    static void offEventLoop(Method method) {
        if (REACTOR && Schedulers.isInNonBlockingThread()) {
            throw new MaaConfigurationException(method.getDeclaringClass().getName() + "." + method.getName()
                    + " is @Protected and was called on the non-blocking thread "
                    + Thread.currentThread().getName()
                    + ", which must not wait on the approval store. Call it with MaaReactive.call(() -> ...), which"
                    + " runs it on a worker thread as the request's user.");
        }
    }

    /** Reactor's part, loaded only when Reactor is on the class path. */
    private static final class Reactor {
        static boolean isPublisher(Class<?> type) {
            return Publisher.class.isAssignableFrom(type);
        }
    }
}
