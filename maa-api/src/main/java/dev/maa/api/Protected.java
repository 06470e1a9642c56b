package dev.maa.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose calls are decided by an access policy: allowed, denied, or parked until a
 * different administrator approves them.
 *
 * <pre>{@code
 * import static dev.maa.api.ResourceType.*;
 * import static dev.maa.api.Action.*;
 *
 * @Protected(resource = APP, action = DELETE, objectId = "appId")
 * public void deleteApp(String appId) { ... }
 * }</pre>
 *
 * <p>Paths in {@link #objectId()} and {@link #platformFrom()} start with a parameter name (the build
 * must compile with {@code -parameters}) or {@code argN}, followed by dotted property names read from
 * record components, getters or public fields, e.g. {@code app.id}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Protected {

    /** The kind of resource the method changes. */
    ResourceType resource();

    /** What the method does to the resource. */
    Action action();

    /**
     * Path to the id of the object the call changes ({@code "appId"}, {@code "app.id"}). Empty: the
     * first parameter if it is a String, a number or a UUID, otherwise the request is object-less
     * (and the one-pending-request-per-object rule uses the method itself as the object).
     */
    String objectId() default "";

    /** A fixed platform for every call of this method. */
    Platform platform() default Platform.UNSPECIFIED;

    /** Path to the platform in the arguments (a {@link Platform} or its name), e.g. {@code "device.platform"}. */
    String platformFrom() default "";

    /** The resource name for {@link ResourceType#CUSTOM}, e.g. {@code "billing-account"}. */
    String customResource() default "";

    /** Scope tags of the object (Intune's scope tags); reviewers must hold every one of them. */
    String[] scopeTags() default {};
}
