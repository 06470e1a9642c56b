package dev.maa.rego.builtins;

/** What a builtin may need from the running evaluation. */
public interface BuiltinContext {
    /** The evaluation's fixed "now" in nanoseconds since the epoch (same for the whole query). */
    long nowNs();

    /** Writes a line of {@code print} output. */
    void print(String line);

    /** A context for tests and standalone calls: the real clock, printing discarded. */
    static BuiltinContext simple() {
        long now = java.time.Instant.now().getEpochSecond() * 1_000_000_000L
                + java.time.Instant.now().getNano();
        return new BuiltinContext() {
            @Override
            public long nowNs() {
                return now;
            }

            @Override
            public void print(String line) {}
        };
    }
}
