/** The AspectJ aspect that routes {@link dev.maa.api.Protected} methods to the gatekeeper. */
package dev.maa.aspectj;
