package dev.maa.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the agent logs through {@code System.getLogger("dev.maa.agent")} (backed by java.util.logging). */
public final class LogCapture extends Handler {

    private static final Logger AGENT = Logger.getLogger("dev.maa.agent");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        AGENT.addHandler(capture);
        AGENT.setLevel(Level.ALL);
        return capture;
    }

    public List<String> errors() {
        return records.stream()
                .filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogRecord::getMessage)
                .toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
