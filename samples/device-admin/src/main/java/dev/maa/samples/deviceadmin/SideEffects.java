package dev.maa.samples.deviceadmin;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every change the sample service really made, in order, so demos and tests can show that an
 * approved call ran exactly once.
 */
public final class SideEffects {

    private final List<String> effects = new ArrayList<>();

    public synchronized void record(String effect) {
        effects.add(effect);
    }

    public synchronized List<String> all() {
        return List.copyOf(effects);
    }

    public synchronized long count(String effect) {
        return effects.stream().filter(effect::equals).count();
    }
}
