/**
 * Builtin functions: the SPI ({@link dev.maa.rego.builtins.Builtin},
 * {@link dev.maa.rego.builtins.BuiltinRegistry}, {@link dev.maa.rego.builtins.Args}) and one
 * class per family, each with a static {@code register(BuiltinRegistry)}.
 */
package dev.maa.rego.builtins;
