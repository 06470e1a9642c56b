/** Runner for OPA's conformance YAML cases, with a per-category report. */
package dev.maa.rego.conformance;
