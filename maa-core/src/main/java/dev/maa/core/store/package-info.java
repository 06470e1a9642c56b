/** Request stores shipped with the core: the thread-safe in-memory store (default and reference). */
package dev.maa.core.store;
