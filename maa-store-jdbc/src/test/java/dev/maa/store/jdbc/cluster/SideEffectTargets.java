package dev.maa.store.jdbc.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/** Targets for the child JVMs: one records each execution, one records that it started and then hangs. */
final class SideEffectTargets {

    private SideEffectTargets() {}

    /** Appends one EXECUTED row per call. */
    static SideEffects recording(SideEffectTable table, String node) {
        return new SideEffects() {
            @Override
            public void deleteApp(String appId) {
                table.record(appId, SideEffectTable.EXECUTED, node);
            }

            @Override
            public String ping() {
                return "pong";
            }
        };
    }

    /** Appends a STARTED row, then blocks until the JVM is killed: a node dying in the middle of the call. */
    static SideEffects hanging(SideEffectTable table, String node) {
        CountDownLatch never = new CountDownLatch(1);
        return new SideEffects() {
            @Override
            public void deleteApp(String appId) {
                table.record(appId, SideEffectTable.STARTED, node);
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while hanging", e);
                }
            }

            @Override
            public String ping() {
                return "pong";
            }
        };
    }

    /** Appends the app to {@code file} per call and forces it to the disk: a durable side effect. */
    static SideEffects appending(Path file) {
        return new SideEffects() {
            @Override
            public void deleteApp(String appId) {
                appendDurably(file, appId);
            }

            @Override
            public String ping() {
                return "pong";
            }
        };
    }

    static void appendDurably(Path file, String line) {
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
