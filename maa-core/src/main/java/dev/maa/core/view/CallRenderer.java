package dev.maa.core.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.DisplayText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parked call as an approver should read it: class, method, and each argument's name, type and value, taken
 * from the payload JSON without loading any class (the payload is only parsed as a JSON tree). The texts meant for
 * reading ({@code display}, {@code readable}) show hidden characters escaped ({@link DisplayText}) and say so in
 * {@code hiddenCharacters}; {@code value} stays the raw JSON for programs.
 */
public final class CallRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CallRenderer() {}

    public static Map<String, Object> render(ApprovalRequest r) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("class", r.operation().className());
        call.put("simpleClass", simpleName(r.operation().className()));
        call.put("method", r.operation().methodName());
        call.put("signature", r.operation().signature());
        call.put("digest", r.digest());
        List<Map<String, Object>> args = new ArrayList<>();
        JsonNode payload = StoredJson.readOrNull(r.payload());
        if (payload != null) {
            for (JsonNode a : payload.path("args")) {
                Map<String, Object> arg = new LinkedHashMap<>();
                arg.put("name", a.path("name").asText());
                arg.put("type", a.path("type").asText());
                if (a.has("declared")) {
                    arg.put("declared", a.path("declared").asText());
                }
                arg.put("value", a.path("value"));
                String display = display(a.path("value"));
                arg.put("display", DisplayText.escape(display));
                arg.put(
                        "hiddenCharacters",
                        DisplayText.hasHidden(display)
                                || DisplayText.hasHidden(arg.get("name").toString()));
                args.add(arg);
            }
        }
        call.put("arguments", args);
        String readable = readable(r, args);
        call.put("readable", DisplayText.escape(readable));
        return call;
    }

    /** {@code AppCatalog.updateApp(app = {"id":"app-42",...})}. */
    private static String readable(ApprovalRequest r, List<Map<String, Object>> args) {
        StringBuilder sb = new StringBuilder(simpleName(r.operation().className()))
                .append('.')
                .append(r.operation().methodName())
                .append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(args.get(i).get("name")).append(" = ").append(args.get(i).get("display"));
        }
        return sb.append(')').toString();
    }

    private static String display(JsonNode value) {
        if (value.isTextual()) {
            return "\"" + value.asText() + "\"";
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return value.toString();
        }
    }

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
