package dev.maa.store.jdbc;

import java.util.List;

/**
 * One page of a SCIM list: the resources of the page, and how many match in all ({@code totalResults}).
 *
 * @param <T> {@link ScimUser} or {@link ScimGroup}
 */
public record ScimPage<T>(List<T> resources, long total) {

    public ScimPage {
        resources = List.copyOf(resources);
    }
}
