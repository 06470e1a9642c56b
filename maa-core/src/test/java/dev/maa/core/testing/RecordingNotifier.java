package dev.maa.core.testing;

import dev.maa.api.Notification;
import dev.maa.api.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every notification; optionally throws after recording, to prove the flow does not depend on it. */
public final class RecordingNotifier implements Notifier {

    private final List<Notification> sent = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    public RecordingNotifier failing() {
        failing = true;
        return this;
    }

    @Override
    public void notify(Notification notification) {
        sent.add(notification);
        if (failing) {
            throw new IllegalStateException("notifier down (test)");
        }
    }

    public List<Notification> sent() {
        return List.copyOf(sent);
    }

    public List<Notification> of(Notification.Kind kind) {
        return sent.stream().filter(n -> n.kind() == kind).toList();
    }
}
