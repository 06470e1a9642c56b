package dev.maa.core.codec.model;

import java.util.UUID;

public record Inner(UUID id, double ratio, boolean flag) {}
