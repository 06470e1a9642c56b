package dev.maa.core.testing.model;

import dev.maa.api.Platform;
import java.util.List;

/** A managed application, as a record argument of protected calls. */
public record App(String id, String name, Platform platform, List<String> tags) {}
