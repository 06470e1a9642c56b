package dev.maa.api;

/**
 * The kind of object a protected operation touches, mirroring the profile types of Intune access policies.
 *
 * <p>{@link #CUSTOM} covers anything else; the annotation then names the resource with
 * {@link Protected#customResource()} so policies can still tell custom resources apart.
 */
public enum ResourceType {
    APP,
    SCRIPT,
    DEVICE_ACTION,
    ROLE,
    ACCESS_POLICY,
    COMPLIANCE_POLICY,
    CUSTOM
}
