package dev.maa.policies.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.core.decisionlog.DecisionSink;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A decision-log sink that keeps the events it is given, in order, for tests to read. */
final class ListSink implements DecisionSink {

    private static final ObjectMapper JSON = new ObjectMapper();
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "list";
    }

    @Override
    public void write(List<String> events) {
        lines.addAll(events);
    }

    List<JsonNode> events() {
        return lines.stream()
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}
