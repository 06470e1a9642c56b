package dev.maa.samples.deviceadmin;

import java.util.List;

/** An administrative role with its permissions. */
public record RoleDefinition(String id, String name, List<String> permissions) {}
