package dev.maa.samples.deviceadmin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The device-admin launcher in a child JVM, driven over stdin/stdout lines with bounded waits. Close it in a
 * finally (try-with-resources): the process is killed if it has not quit.
 */
final class SampleProcess implements AutoCloseable {

    static final Duration START = Duration.ofSeconds(90);
    static final Duration REPLY = Duration.ofSeconds(30);

    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final Path stderr;

    private SampleProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = r.readLine(); line != null; line = r.readLine()) {
                            out.add(line);
                        }
                    } catch (IOException e) {
                        out.add("EOF " + e);
                    }
                },
                "sample-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the launcher; {@code agentArguments} null means without {@code -javaagent}. */
    static SampleProcess start(Path workDir, String agentArguments, String... launcherArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        if (agentArguments != null) {
            cmd.add("-javaagent:" + agentJar() + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
        }
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(DeviceAdminMain.class.getName());
        cmd.addAll(List.of(launcherArgs));
        Path stderr = Files.createTempFile(workDir, "sample", ".stderr");
        Process p = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectError(stderr.toFile())
                .start();
        return new SampleProcess(p, stderr);
    }

    static Path agentJar() {
        Path jar = Path.of(System.getProperty("maa.agent.jar", "../../maa-agent/target/maa-agent-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The agent jar " + jar.toAbsolutePath() + " does not exist: run"
                    + " ./mvnw -pl maa-agent -am install first (./mvnw verify does it)");
        }
        return jar;
    }

    static Path sampleConfig() {
        return Path.of(System.getProperty("sample.classes", "target/classes"), "maa.yaml")
                .toAbsolutePath();
    }

    private static String classPath() throws IOException {
        String classes = System.getProperty("sample.classes", "target/classes");
        String deps = Files.readString(
                        Path.of(System.getProperty("sample.classpath.file", "target/runtime-classpath.txt")))
                .trim();
        return classes + java.io.File.pathSeparator + deps;
    }

    long pid() {
        return process.pid();
    }

    /** The next line printed, waiting at most {@code timeout}. */
    String next(Duration timeout) throws InterruptedException {
        String line = out.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no answer from the sample within " + timeout + "; stderr:\n" + stderr());
        }
        return line;
    }

    /** Sends one command and returns its one-line answer. */
    String send(String command) throws InterruptedException {
        in.println(command);
        return next(REPLY);
    }

    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            in.println("quit");
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
