package dev.maa.server.internal;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.AuditEntry;
import dev.maa.api.AuditLog;
import dev.maa.api.Principal;
import dev.maa.api.RequestStore;
import dev.maa.core.Scheduler;
import dev.maa.core.view.Visibility;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events}: Server-Sent Events, one {@code request} event per transition of a request the
 * subscriber may see ({@code {"id","status","version","event"}}). Transitions are read from the audit log, so
 * changes made by other processes sharing the store (the CLI, host services) are seen too.
 *
 * <p>Browsers' {@code EventSource} cannot send an {@code Authorization} header and tokens do not belong in URLs
 * (they end up in logs), so the console polls; this stream is for API clients that can set headers.
 */
public final class EventHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    private static final int PAGE = 500;

    private record Subscriber(Principal principal, SseClient client) {}

    private final RequestStore store;
    private final Visibility visibility;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Scheduler tail = Scheduler.named("maa-server-events");
    /** The last audit entry published; -1 until the tail has found the log's head. */
    private long lastSeq = -1;

    public EventHub(RequestStore store, Visibility visibility) {
        this.store = store;
        this.visibility = visibility;
        tail.every("Event tail", Duration.ZERO, Duration.ofMillis(500), this::poll);
    }

    public void register(Routes routes) {
        routes.authenticated(HandlerType.GET, "/api/v1/events", this::subscribe);
    }

    private void subscribe(Context ctx, Principal p) throws Exception {
        new SseHandler(0, client -> {
                    Subscriber s = new Subscriber(p, client);
                    subscribers.add(s);
                    client.onClose(() -> subscribers.remove(s));
                    client.sendComment("subscribed as " + p.id());
                    client.keepAlive();
                })
                .handle(ctx);
    }

    private static long head(AuditLog log) {
        long after = 0;
        while (true) {
            List<AuditEntry> page = log.read(after, PAGE);
            if (page.isEmpty()) {
                return after;
            }
            after = page.get(page.size() - 1).seq();
            if (page.size() < PAGE) {
                return after;
            }
        }
    }

    private void poll() {
        try {
            if (lastSeq < 0) {
                lastSeq = head(store.auditLog());
                return;
            }
            List<AuditEntry> entries = store.auditLog().read(lastSeq, PAGE);
            for (AuditEntry e : entries) {
                lastSeq = e.seq();
                if (!subscribers.isEmpty() && !e.event().requestId().isEmpty()) {
                    publish(e);
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Event tail failed (retrying): {}", e.toString());
        }
    }

    private void publish(AuditEntry e) {
        Optional<ApprovalRequest> found = store.find(e.event().requestId());
        if (found.isEmpty()) {
            return;
        }
        ApprovalRequest r = found.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("status", r.status().name());
        m.put("version", r.version());
        m.put("event", e.event().type());
        m.put("seq", e.seq());
        String data = Json.write(m);
        for (Subscriber s : subscribers) {
            if (s.client().terminated()) {
                subscribers.remove(s);
            } else if (visibility.canSee(s.principal(), r)) {
                s.client().sendEvent("request", data, Long.toString(e.seq()));
            }
        }
    }

    @Override
    public void close() {
        tail.close();
        for (Subscriber s : subscribers) {
            s.client().close();
        }
        subscribers.clear();
    }
}
