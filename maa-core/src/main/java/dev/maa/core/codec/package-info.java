/**
 * The parked-call codec: canonical JSON with explicit type descriptors, a SHA-256 digest, and a name-based
 * allow-list checked before any class is loaded. Java native serialization is never used.
 */
package dev.maa.core.codec;
