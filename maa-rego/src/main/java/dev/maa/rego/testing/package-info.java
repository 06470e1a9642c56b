/** An {@code opa test}-style runner for {@code test_*} rules. */
package dev.maa.rego.testing;
