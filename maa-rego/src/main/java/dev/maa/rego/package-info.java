/**
 * A pure-Java Rego v1 engine with OPA 1.x semantics: {@link dev.maa.rego.RegoEngine} compiles
 * modules once, {@link dev.maa.rego.PreparedQuery} evaluates many times, errors are
 * {@link dev.maa.rego.RegoException}s carrying OPA's error codes and source locations.
 */
package dev.maa.rego;
