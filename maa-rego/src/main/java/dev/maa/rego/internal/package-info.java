/**
 * Engine internals, split by phase (lexer, parser, ast, compile, interp). Unstable: not part of
 * the public API and may change in any release.
 */
package dev.maa.rego.internal;
