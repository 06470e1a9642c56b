/**
 * MAA core: the {@link dev.maa.core.Gatekeeper} every interceptor delegates to, the
 * {@link dev.maa.core.ApprovalService} state machine, the {@link dev.maa.core.Executor} that runs approved calls
 * exactly once, and {@link dev.maa.core.MaaEngine}, which wires them without an agent.
 *
 * <p>Sub-packages: {@code codec} (parked-call JSON and its allow-list), {@code store} (in-memory store),
 * {@code audit} (the hash chain), {@code policy} (a code-configured policy engine for tests and code-only
 * hosts), {@code directory} (users and groups from YAML). {@code internal} is implementation, unstable.
 */
package dev.maa.core;
