package dev.maa.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code boolean} parameter of a {@link Protected} method as the urgent flag of the call.
 * Urgent requests may carry a shorter expiry (a policy's {@code urgent_ttl}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Urgent {}
