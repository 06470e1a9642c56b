package dev.maa.rego.testing;

import dev.maa.rego.Location;

/**
 * Outcome of one {@code test_*} rule.
 *
 * @param name full rule path, e.g. {@code data.maa.decision_test.test_allow}
 * @param location where the rule is defined
 * @param passed whether the rule evaluated to true
 * @param message why it failed (empty when passed)
 */
public record TestResult(String name, Location location, boolean passed, String message) {}
