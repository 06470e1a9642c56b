package dev.maa.core.decisionlog;

import java.io.IOException;
import java.util.List;

/**
 * Where decision-log events go: a batch of events, each one JSON object, in order. Called by one background thread
 * at a time. A sink that throws keeps nothing: the log retries the same batch at its next flush, while new events
 * wait in the bounded buffer (and are dropped, counted, once it is full).
 */
public interface DecisionSink extends AutoCloseable {

    /** A short name for messages and metrics, such as {@code file} or {@code http}. */
    String name();

    /** Writes {@code events} (JSON objects, one per event) or throws. */
    void write(List<String> events) throws IOException;

    @Override
    default void close() throws IOException {}
}
