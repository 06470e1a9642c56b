package dev.maa.agent;

import dev.maa.core.Gatekeeper;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A gatekeeper that records what the advice hands it and answers as told. */
public final class RecordingGatekeeper implements Gatekeeper {

    public record Entered(Method method, Object target, Object[] args) {}

    public record Exited(Admission admission, Object result, Throwable thrown) {}

    public final List<Entered> entered = new CopyOnWriteArrayList<>();
    public final List<Exited> exited = new CopyOnWriteArrayList<>();
    public volatile Supplier<Admission> answer = () -> null;

    @Override
    public void check(Method method, Object target, Object[] args) {
        enter(method, target, args);
    }

    @Override
    public Admission enter(Method method, Object target, Object[] args) {
        entered.add(new Entered(method, target, args));
        return answer.get();
    }

    @Override
    public void exit(Admission admission, Object result, Throwable thrown) {
        exited.add(new Exited(admission, result, thrown));
    }

    @Override
    public Object invoke(Method method, Object target, Object[] args, Proceed proceed) throws Throwable {
        Admission a = enter(method, target, args);
        try {
            Object r = proceed.proceed();
            exit(a, r, null);
            return r;
        } catch (Throwable t) {
            exit(a, null, t);
            throw t;
        }
    }
}
