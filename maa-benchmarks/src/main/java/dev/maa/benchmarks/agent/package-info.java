/** maa-agent's overhead: per call against the direct call and Spring Security, and at process startup. */
package dev.maa.benchmarks.agent;
