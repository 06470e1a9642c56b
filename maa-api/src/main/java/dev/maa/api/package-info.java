/**
 * The public API of MAA for Java: {@link dev.maa.api.Protected} and its companions, value types,
 * records, SPIs and exceptions. Depends on nothing; hosts compile against this module only.
 */
package dev.maa.api;
