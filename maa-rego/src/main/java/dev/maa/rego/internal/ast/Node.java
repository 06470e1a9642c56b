package dev.maa.rego.internal.ast;

import dev.maa.rego.Location;

/** Anything in the syntax tree; each node knows where it came from. */
public interface Node {
    Location loc();
}
