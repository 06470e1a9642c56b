package dev.maa.samples.deviceadmin;

import dev.maa.api.Platform;

/** An enrolled device. */
public record Device(String id, String owner, Platform platform) {}
