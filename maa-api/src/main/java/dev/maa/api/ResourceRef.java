package dev.maa.api;

import java.util.Objects;
import java.util.Set;

/**
 * The object a protected call changes.
 *
 * @param type         resource type
 * @param customName   for {@link ResourceType#CUSTOM}, the resource name; otherwise empty
 * @param objectId     the object's id, or empty for object-less calls
 * @param platform     the object's platform
 * @param scopeTags    scope tags; a reviewer must hold all of them
 */
public record ResourceRef(
        ResourceType type, String customName, String objectId, Platform platform, Set<String> scopeTags) {

    public ResourceRef {
        Objects.requireNonNull(type, "type");
        customName = customName == null ? "" : customName;
        objectId = objectId == null ? "" : objectId;
        platform = platform == null ? Platform.UNSPECIFIED : platform;
        scopeTags = Set.copyOf(scopeTags == null ? Set.of() : scopeTags);
    }

    public static ResourceRef of(ResourceType type, String objectId) {
        return new ResourceRef(type, "", objectId, Platform.UNSPECIFIED, Set.of());
    }

    /** The resource type as policies see it: the enum name, or {@code CUSTOM:<name>}. */
    public String typeName() {
        return customName.isEmpty() ? type.name() : type.name() + ":" + customName;
    }

    /** The key of the one-pending-request-per-object rule: type name plus object id. */
    public String key() {
        return typeName() + "/" + objectId;
    }
}
