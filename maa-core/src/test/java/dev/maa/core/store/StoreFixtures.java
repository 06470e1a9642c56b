package dev.maa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEvent;
import dev.maa.api.CapturedDiff;
import dev.maa.api.CompletionMode;
import dev.maa.api.Factor;
import dev.maa.api.Operation;
import dev.maa.api.Platform;
import dev.maa.api.PostReview;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.api.Review;
import dev.maa.api.Status;
import dev.maa.api.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Requests and events for store tests: deterministic times (milliseconds), sealed payloads. */
public final class StoreFixtures {

    /** A fixed "now" with millisecond precision. */
    public static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123Z");

    public static final String APP_APPROVERS = "app-approvers";
    public static final String SECURITY = "security-admins";

    private StoreFixtures() {}

    /** A request for APP {@code objectId} by alice, created {@code minutesAfterT0} after {@link #T0}, needing app-approvers. */
    public static ApprovalRequest request(String id, String objectId, int minutesAfterT0) {
        Instant created = T0.plus(Duration.ofMinutes(minutesAfterT0));
        String payload = "{\"method\":\"delete\",\"args\":[\"" + objectId + "\"],\"id\":\"" + id + "\"}";
        return ApprovalRequest.builder()
                .id(id)
                .resource(ResourceRef.of(ResourceType.APP, objectId))
                .action(Action.DELETE)
                .operation(new Operation("com.example.Apps", "delete", List.of("java.lang.String")))
                .requester(Principal.of("alice", "helpdesk"))
                .justification("CHG-1234 remove retired app")
                .factors(List.of(Factor.of("apps", 1, APP_APPROVERS)))
                .completion(CompletionMode.MANUAL)
                .payload(payload)
                .digest(sha256(payload))
                .status(Status.NEEDS_APPROVAL)
                .createdAt(created)
                .updatedAt(created)
                .expiresAt(created.plus(Duration.ofDays(30)))
                .policyRevision("rev-1")
                .build();
    }

    /** A request with every optional field set, to prove nothing is lost on the way through a store. */
    public static ApprovalRequest fullyPopulated(String id) {
        Review review = new Review(
                "bob",
                Set.of(APP_APPROVERS, "staff"),
                Verdict.APPROVE,
                "looks right",
                request(id, "x", 0).digest(),
                T0.plusSeconds(90).plusNanos(456_789));
        return request(id, "app-42", 0).toBuilder()
                .resource(new ResourceRef(
                        ResourceType.CUSTOM, "billing-plan", "plan-7", Platform.WINDOWS, Set.of("emea", "finance")))
                .action(Action.UPDATE)
                .requester(new Principal("carol", Set.of("helpdesk", "emea"), Set.of("operator")))
                .urgent(true)
                .emergency(true)
                .factors(List.of(Factor.of("apps", 2, APP_APPROVERS, "app-leads"), Factor.of("sec", 1, SECURITY)))
                .completion(CompletionMode.AUTO)
                .reviews(List.of(review))
                .outcome("partially done: üñíçødé ✓")
                .postReview(new PostReview("dave", "verified after the fact", T0.plusSeconds(3600)))
                .policyRevision("rev-9")
                .diff(new CapturedDiff("plan plan-7", "price: 10\n", "price: 12\n", "", T0.plusMillis(7)))
                .build();
    }

    public static AuditEvent event(String requestId, String type) {
        return new AuditEvent(T0, requestId, "alice", type, type + " " + requestId);
    }

    public static AuditEvent event(String requestId, String type, Instant at) {
        return new AuditEvent(at, requestId, "alice", type, type + " " + requestId);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code task} on {@code threads} threads released together; returns each result or exception. */
    public static List<Object> race(int threads, ThreadTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Callable<Object> call = () -> {
                    ready.countDown();
                    go.await();
                    try {
                        return task.run(id);
                    } catch (RuntimeException e) {
                        return e;
                    }
                };
                futures.add(pool.submit(call));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get(90, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One thread's part of a {@link #race}. */
    @FunctionalInterface
    public interface ThreadTask {
        Object run(int thread);
    }

    public static ApprovalRequest byRequester(ApprovalRequest r, String requester) {
        return r.toBuilder()
                .requester(dev.maa.api.Principal.of(requester, "helpdesk"))
                .build();
    }

    public static ApprovalRequest withFactors(ApprovalRequest r, Factor... factors) {
        return r.toBuilder().factors(List.of(factors)).build();
    }

    public static List<String> ids(List<ApprovalRequest> requests) {
        return requests.stream().map(ApprovalRequest::id).toList();
    }
}
