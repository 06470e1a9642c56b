package dev.maa.core.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.maa.api.CallContext;
import dev.maa.api.Principal;
import dev.maa.api.Protected;
import dev.maa.core.ProtectedMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allocation-free half of the cache: per protected method, a few recently allowed (principal, revision,
 * flags) entries, checked before the gatekeeper builds anything.
 *
 * <p>Entries are immutable and published through a plain array: a racing reader sees an older entry or none,
 * both of which are checked (revision, expiry) or simply miss. A method whose platform comes from its arguments
 * ({@code platformFrom}) never uses the fast path, since reading the platform would cost what the fast path saves.
 */
final class AllowSlots {

    private static final int WAYS = 4;
    private static final Slot DISABLED = new Slot(false);

    private final Map<ProtectedMethod, Slot> slots = new ConcurrentHashMap<>();
    private final Ticker ticker;
    private final long ttlNanos;

    AllowSlots(Ticker ticker, long ttlNanos) {
        this.ticker = ticker;
        this.ttlNanos = ttlNanos;
    }

    boolean admits(ProtectedMethod method, Principal caller, CallContext context, Object[] args, String revision) {
        Slot slot = slots.get(method);
        if (slot == null || !slot.enabled || context.emergency()) {
            return false;
        }
        int flags = flags(method, context, args);
        Entry[] ways = slot.ways;
        for (int i = 0; i < WAYS; i++) {
            Entry e = ways[i];
            if (e != null
                    && e.flags == flags
                    && (e.caller == caller || e.caller.equals(caller))
                    && (e.revision == revision || e.revision.equals(revision))) {
                if (ticker.read() - e.expiresAt < 0) {
                    return true;
                }
                ways[i] = null;
                return false;
            }
        }
        return false;
    }

    void allowed(ProtectedMethod method, Principal caller, CallContext context, Object[] args, String revision) {
        Slot slot = slots.computeIfAbsent(method, m -> fixedPlatform(m) ? new Slot(true) : DISABLED);
        if (!slot.enabled || context.emergency()) {
            return;
        }
        Entry entry = new Entry(caller, revision, flags(method, context, args), ticker.read() + ttlNanos);
        Entry[] ways = slot.ways;
        for (int i = 0; i < WAYS; i++) {
            Entry e = ways[i];
            if (e == null || e.caller.equals(caller) && e.flags == entry.flags) {
                ways[i] = entry;
                return;
            }
        }
        ways[slot.next++ & (WAYS - 1)] = entry;
    }

    void clear() {
        slots.clear();
    }

    /** The call's justified / urgent / emergency flags, read as the gatekeeper reads them, without allocating. */
    static int flags(ProtectedMethod method, CallContext context, Object[] args) {
        int j = method.justificationIndex();
        boolean justified = !context.justification().isBlank()
                || j >= 0 && j < args.length && args[j] instanceof String s && !s.isBlank();
        boolean urgent = method.urgent(args) || context.urgent();
        return (justified ? 1 : 0) | (urgent ? 2 : 0) | (context.emergency() ? 4 : 0);
    }

    /** Whether the platform of every call is fixed by the annotation (no {@code platformFrom}). */
    static boolean fixedPlatform(ProtectedMethod pm) {
        Protected p = annotation(pm.method());
        return p != null && p.platformFrom().isEmpty();
    }

    /** The annotation ProtectedMethods used: on the method, else on a method it overrides or implements. */
    private static Protected annotation(Method method) {
        Protected own = method.getAnnotation(Protected.class);
        if (own != null || Modifier.isStatic(method.getModifiers())) {
            return own;
        }
        List<Class<?>> todo = new ArrayList<>(List.of(method.getDeclaringClass()));
        while (!todo.isEmpty()) {
            Class<?> type = todo.remove(0);
            if (type.getSuperclass() != null) {
                todo.add(type.getSuperclass());
            }
            todo.addAll(List.of(type.getInterfaces()));
            try {
                Protected p = type.getDeclaredMethod(method.getName(), method.getParameterTypes())
                        .getAnnotation(Protected.class);
                if (p != null) {
                    return p;
                }
            } catch (NoSuchMethodException e) {
                // not declared here; keep looking
            }
        }
        return null;
    }

    private static final class Slot {
        final boolean enabled;
        final Entry[] ways = new Entry[WAYS];
        int next;

        Slot(boolean enabled) {
            this.enabled = enabled;
        }
    }

    private static final class Entry {
        final Principal caller;
        final String revision;
        final int flags;
        final long expiresAt;

        Entry(Principal caller, String revision, int flags, long expiresAt) {
            this.caller = caller;
            this.revision = revision;
            this.flags = flags;
            this.expiresAt = expiresAt;
        }
    }
}
