package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.core.RequestAction;
import dev.maa.core.view.RequestJson;
import dev.maa.server.internal.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document stays in sync with the routes the server actually registers. */
class OpenApiDocumentTest {

    private static TestServer t;
    private static JsonNode doc;

    @BeforeAll
    static void start() {
        t = new TestServer();
        HttpResponse<String> res = t.get("/api/v1/openapi.json", null);
        assertThat(res.statusCode()).isEqualTo(200);
        doc = Json.readOrNull(res.body());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void everyRegisteredRoute_isDocumented_withItsSecurity() {
        for (String route : t.server.routes()) {
            String[] p = route.split(" ");
            JsonNode op = doc.path("paths").path(p[1]).path(p[0]);
            assertThat(op.isObject())
                    .as(route + " is documented in openapi.json")
                    .isTrue();
            assertThat(op.path("summary").asText()).as(route + " has a summary").isNotBlank();
            boolean documentedPublic =
                    op.path("security").isArray() && op.path("security").isEmpty();
            assertThat(documentedPublic)
                    .as(route + ": documented security matches")
                    .isEqualTo(p[2].equals("PUBLIC"));
        }
    }

    @Test
    void everyDocumentedOperation_isARegisteredRoute() {
        List<String> routes = t.server.routes().stream()
                .map(r -> r.substring(0, r.lastIndexOf(' ')))
                .toList();
        List<String> documented = new ArrayList<>();
        for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> methods = doc.path("paths").path(path).fieldNames(); methods.hasNext(); ) {
                documented.add(methods.next() + " " + path);
            }
        }
        assertThat(routes).containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void requestActions_areDocumentedAsTheEngineNamesThem_withTheFieldsTheyTake() {
        JsonNode actions = doc.path("components")
                .path("schemas")
                .path("RequestDetail")
                .path("allOf")
                .get(1)
                .path("properties")
                .path("actions")
                .path("items")
                .path("enum");
        List<String> documented = new ArrayList<>();
        actions.forEach(a -> documented.add(a.asText()));
        assertThat(documented)
                .containsExactly(java.util.Arrays.stream(RequestAction.values())
                        .map(RequestAction::wireName)
                        .toArray(String[]::new));
        for (RequestAction a : RequestAction.values()) {
            JsonNode properties = doc.path("paths")
                    .path("/api/v1/requests/{id}/" + a.wireName())
                    .path("post")
                    .path("requestBody")
                    .path("content")
                    .path("application/json")
                    .path("schema")
                    .path("properties");
            Set<String> fields = new TreeSet<>();
            properties.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(a.wireName() + " body").isEqualTo(new TreeSet<>(a.fields()));
        }
    }

    @Test
    void requestReminders_documentEveryFieldTheViewWrites() {
        java.time.Instant at = java.time.Instant.parse("2026-01-05T10:00:00Z");
        dev.maa.api.ApprovalRequest r = dev.maa.api.ApprovalRequest.builder()
                .id("r-1")
                .resource(dev.maa.api.ResourceRef.of(dev.maa.api.ResourceType.APP, "app-42"))
                .action(dev.maa.api.Action.DELETE)
                .operation(new dev.maa.api.Operation("com.acme.AppAdmin", "deleteApp", List.of("java.lang.String")))
                .requester(dev.maa.api.Principal.of("alice"))
                .factors(List.of(dev.maa.api.Factor.of("apps", 1, "App-Approvers")))
                .payload("{}")
                .digest("ab".repeat(32))
                .status(dev.maa.api.Status.NEEDS_APPROVAL)
                .createdAt(at)
                .expiresAt(at.plusSeconds(86_400))
                .reminders(dev.maa.api.Reminders.of(
                        java.time.Duration.ofHours(4), java.time.Duration.ofHours(12), Set.of("Security")))
                .build();
        Set<String> written = new TreeSet<>(RequestJson.reminders(r, List.of()).keySet());

        JsonNode reminders = doc.path("components")
                .path("schemas")
                .path("RequestDetail")
                .path("allOf")
                .get(1)
                .path("properties")
                .path("reminders");
        Set<String> documented = new TreeSet<>();
        reminders.path("properties").fieldNames().forEachRemaining(documented::add);
        assertThat(documented).isEqualTo(written);
        assertThat(reminders.path("nullable").asBoolean()).isTrue();
    }

    @Test
    void isOpenApi3_withBearerSecurity_andProblemResponses() {
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("components")
                        .path("securitySchemes")
                        .path("bearer")
                        .path("scheme")
                        .asText())
                .isEqualTo("bearer");
        assertThat(doc.path("components")
                        .path("schemas")
                        .path("Problem")
                        .path("required")
                        .toString())
                .contains("type", "title", "status");
    }
}
