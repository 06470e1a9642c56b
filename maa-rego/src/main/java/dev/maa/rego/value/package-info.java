/**
 * The immutable Rego value model: null, boolean, arbitrary-precision number, string, array, set
 * and object, with OPA's cross-type ordering and conversions to and from plain Java and Jackson.
 */
package dev.maa.rego.value;
