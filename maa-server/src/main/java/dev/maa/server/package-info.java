/**
 * The MAA server: REST API ({@code /api/v1}), web console ({@code /console/}), OPA bundle service
 * ({@code /bundles/maa.tar.gz}), {@code /health} and {@code /metrics}, started with {@link dev.maa.server.MaaServer}.
 *
 * <p>The server adds authentication (bearer JWTs or dev API tokens; identity only ever comes from the token),
 * read visibility and HTTP to the engine's {@code ApprovalService}; it never decides approval rules itself. Errors
 * are {@code application/problem+json}. {@link dev.maa.server.DiffProvider} is the SPI for before/after views.
 */
package dev.maa.server;
