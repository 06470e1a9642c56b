/**
 * The decision cache: allow and deny decisions of a {@link dev.maa.api.PolicyEngine}, reused for a short time.
 *
 * <p>{@link dev.maa.core.cache.CachingPolicyEngine#wrap} decorates any engine. A decision is cached per principal
 * (id, groups, roles), resource type and scope tags, action, platform, the justification / urgent / emergency
 * flags, and the policy revision; a revision change empties the cache, and a short TTL bounds what the key cannot
 * see (a rule on the time of day, a directory change). Require-approval decisions are never cached: every such
 * call parks. The object id is deliberately not part of the key, because access policies decide per resource
 * type; a custom Rego rule that decides on object ids needs the cache disabled.
 *
 * <p>The gatekeeper also asks the cache, through {@link dev.maa.core.cache.AllowFastPath}, before it builds any
 * {@code PolicyInput}: a repeated allowed call then costs a few field reads and no allocation.
 */
package dev.maa.core.cache;
