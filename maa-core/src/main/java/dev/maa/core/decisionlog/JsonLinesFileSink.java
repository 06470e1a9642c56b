package dev.maa.core.decisionlog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Decision events as JSON lines in one file, rotated by size: when a batch would take the file past
 * {@code maxBytes}, it becomes {@code NAME.1} (older ones {@code NAME.2} ... up to {@code keep}, the oldest deleted)
 * and a new file starts. {@code maa policy what-if --decisions} reads these files.
 */
public final class JsonLinesFileSink implements DecisionSink {

    private final Path file;
    private final long maxBytes;
    private final int keep;

    /** Writes to {@code file}, rotating past {@code maxBytes} and keeping {@code keep} rotated files (at least 1). */
    public JsonLinesFileSink(Path file, long maxBytes, int keep) {
        if (maxBytes < 1024 || keep < 1) {
            throw new IllegalArgumentException("decision_logs.file: max_size must be at least 1KB and keep at least 1,"
                    + " was " + maxBytes + " bytes and " + keep);
        }
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public void write(List<String> events) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String e : events) {
            b.append(e).append('\n');
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        if (Files.exists(file) && Files.size(file) > 0 && Files.size(file) + bytes.length > maxBytes) {
            rotate();
        }
        try (OutputStream out = Files.newOutputStream(
                file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            out.write(bytes);
        }
    }

    private void rotate() throws IOException {
        Files.deleteIfExists(rotated(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path rotated(int i) {
        return rotated(file, i);
    }

    private static Path rotated(Path file, int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    /**
     * The files of the log {@code file}, oldest first: its rotated files ({@code NAME.n} ... {@code NAME.1}) that
     * exist, then {@code file} itself if it exists. What {@code maa policy what-if} and a policy change's impact read.
     */
    public static List<Path> files(Path file) {
        List<Path> files = new ArrayList<>();
        if (Files.exists(file)) {
            files.add(file);
        }
        for (int i = 1; Files.exists(rotated(file, i)); i++) {
            files.add(0, rotated(file, i));
        }
        return files;
    }
}
