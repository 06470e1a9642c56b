/**
 * The MAA java agent. Only {@link dev.maa.agent.MaaAgent} is meant to be named (in the jar manifest); everything
 * in {@code dev.maa.agent.internal} is an implementation detail and may change without notice.
 */
package dev.maa.agent;
