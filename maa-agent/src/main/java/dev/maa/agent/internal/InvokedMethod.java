package dev.maa.agent.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the instrumented {@link java.lang.reflect.Method} in advice, resolved once per method rather than per call.
 * See {@link InvokedMethodMapping}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface InvokedMethod {}
