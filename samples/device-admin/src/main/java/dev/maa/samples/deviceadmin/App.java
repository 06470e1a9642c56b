package dev.maa.samples.deviceadmin;

import dev.maa.api.Platform;

/** A managed application. */
public record App(String id, String name, String version, Platform platform) {}
