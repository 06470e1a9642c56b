package dev.maa.rego.internal.interp;

import dev.maa.rego.value.Value;

/** Continuation receiving one value of a term; returns true to stop the search. */
@FunctionalInterface
public interface VK {
    boolean run(Value v);
}
