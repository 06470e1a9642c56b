package dev.maa.rego.internal.interp;

/** Continuation after a successful step; returns true to stop the search. */
@FunctionalInterface
public interface K {
    boolean run();
}
