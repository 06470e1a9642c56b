/** Argument types for codec tests; the tests allow this package. */
package dev.maa.core.codec.model;
