package dev.maa.samples.deviceadmin;

import dev.maa.api.Platform;

/** A PowerShell/shell script pushed to devices. */
public record Script(String id, String name, String body, Platform platform) {}
