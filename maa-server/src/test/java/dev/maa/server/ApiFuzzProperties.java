package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Status;
import dev.maa.server.internal.Json;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the API with 10,000 bounded inputs in total: JSON bodies of the actions and of policy changes, path ids,
 * and query parameters, sent by every kind of caller. Whatever the input: never a 5xx, errors are problem+json, and
 * a refused call never changes the request it targeted.
 */
class ApiFuzzProperties {

    private static TestServer t;
    private static final AtomicInteger APPS = new AtomicInteger();
    private static final List<String> USERS = List.of("alice", "bob", "mallory", "sam", "audrey");
    private static final List<String> ACTIONS = List.of("approve", "reject", "cancel", "complete");

    @BeforeContainer
    static void start() {
        t = new TestServer();
    }

    @AfterContainer
    static void stop() {
        t.close();
    }

    private static String pendingId;
    private static String approvedId;

    /**
     * A request to act on, NEEDS_APPROVAL or APPROVED: reused while it stays in that state (refused calls leave it
     * alone), replaced once an accepted action moved it on.
     */
    private static String target(boolean pending) {
        String id = pending ? pendingId : approvedId;
        Status wanted = pending ? Status.NEEDS_APPROVAL : Status.APPROVED;
        if (id != null && t.request(id).status() == wanted) {
            return id;
        }
        id = t.parkUpdate("alice", "app-f" + APPS.incrementAndGet(), "CHG fuzz");
        if (!pending) {
            t.engine.approvals().approve(id, dev.maa.api.Principal.of("carol"), "pre-approved");
            approvedId = id;
        } else {
            pendingId = id;
        }
        return id;
    }

    @Property(tries = 3500)
    void actionBodies_neverFail_andRefusalsChangeNothing(
            @ForAll("actions") String action,
            @ForAll("users") String user,
            @ForAll("bodies") String body,
            @ForAll boolean pending) {
        String id = target(pending);
        ApprovalRequest before = t.request(id);
        HttpResponse<String> res = t.post("/api/v1/requests/" + id + "/" + action, t.tokenFor(user), body);
        assertSane(res);
        ApprovalRequest after = t.request(id);
        if (res.statusCode() >= 400) {
            assertThat(after.version())
                    .as(action + " by " + user + " with " + body + " -> " + res.statusCode())
                    .isEqualTo(before.version());
        } else {
            assertThat(after.version()).isGreaterThan(before.version());
        }
    }

    @Property(tries = 1000)
    void policyBodies_neverFail(@ForAll("policyBodies") String body, @ForAll("users") String user) {
        long revisions = t.policyService.list().size();
        HttpResponse<String> res = t.post("/api/v1/policies", t.tokenFor(user), body);
        assertSane(res);
        assertThat(t.policyService.list()).hasSize((int) revisions);
    }

    @Property(tries = 2500)
    void pathIds_neverFail(
            @ForAll("junk") String id, @ForAll("users") String user, @ForAll("actionsOrShow") String op) {
        String path = "/api/v1/requests/" + encodePath(id) + (op.isEmpty() ? "" : "/" + op);
        HttpResponse<String> res = op.isEmpty() ? t.get(path, t.tokenFor(user)) : t.post(path, t.tokenFor(user), "{}");
        assertSane(res);
        assertThat(res.statusCode()).isIn(400, 404, 405);
    }

    @Property(tries = 3000)
    void queryParams_neverFail(
            @ForAll("views") String view,
            @ForAll("statuses") String status,
            @ForAll("numbers") String offset,
            @ForAll("numbers") String limit,
            @ForAll("users") String user) {
        String q = "view=" + encode(view) + "&status=" + encode(status) + "&offset=" + encode(offset) + "&limit="
                + encode(limit);
        HttpResponse<String> res = t.get("/api/v1/requests?" + q, t.tokenFor(user));
        assertSane(res);
        if (res.statusCode() == 200) {
            JsonNode page = Json.readOrNull(res.body());
            assertThat(page).isNotNull();
            assertThat(page.path("items").isArray()).isTrue();
            assertThat(page.path("items").size())
                    .isLessThanOrEqualTo(page.path("limit").asInt());
            for (JsonNode item : page.path("items")) {
                assertThat(Status.valueOf(item.path("status").asText())).isNotNull();
            }
        }
    }

    private static void assertSane(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.uri() + " -> " + res.body()).isLessThan(500);
        if (res.statusCode() >= 400) {
            assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode p = Json.readOrNull(res.body());
            assertThat(p).isNotNull();
            assertThat(p.path("title").asText()).isNotBlank();
            assertThat(res.body()).doesNotContain("\tat ", "Exception:");
        }
    }

    @Provide
    Arbitrary<String> users() {
        return Arbitraries.of(USERS);
    }

    @Provide
    Arbitrary<String> actions() {
        return Arbitraries.of(ACTIONS);
    }

    @Provide
    Arbitrary<String> actionsOrShow() {
        return Arbitraries.of("", "approve", "reject", "cancel", "complete");
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> member = Arbitraries.oneOf(Arbitraries.of("notes", "digest", "reason"), text(12));
        Arbitrary<String> value = jsonValues();
        Arbitrary<String> object = Combinators.combine(member, value, member, value)
                .as((k1, v1, k2, v2) -> "{" + quote(k1) + ":" + v1 + "," + quote(k2) + ":" + v2 + "}");
        Arbitrary<String> wellFormed = Combinators.combine(Arbitraries.of("notes", "reason"), text(60))
                .as((k, v) -> "{" + quote(k) + ":" + quote(v) + "}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, wellFormed),
                net.jqwik.api.Tuple.of(3, object),
                net.jqwik.api.Tuple.of(2, jsonValues()),
                net.jqwik.api.Tuple.of(2, junk()),
                net.jqwik.api.Tuple.of(
                        1,
                        Arbitraries.of(
                                "",
                                "{}",
                                "null",
                                "[]",
                                "{\"notes\":" + "[".repeat(2000) + "}",
                                "{\"notes\":\"" + "x".repeat(5000) + "\"}",
                                "{\"digest\":\"" + "0".repeat(64) + "\"}")));
    }

    @Provide
    Arbitrary<String> policyBodies() {
        Arbitrary<String> fileName = Arbitraries.oneOf(
                Arbitraries.of("access-policies.yaml", "custom.rego", "x/../y.rego", "policy_test.rego", ""), text(20));
        Arbitrary<String> content = Arbitraries.oneOf(
                text(200),
                Arbitraries.of(
                        "access_policies: []",
                        "access_policies:\n  - name: x\n    profile_type: APP\n",
                        "package maa\nallow if {",
                        "access_policies: {",
                        "default_effect: allow\naccess_policies: []",
                        "package x\n\np := 1\n",
                        "access_policies:\n  - name: a\n    profile_type: NOPE\n"));
        Arbitrary<String> files = Combinators.combine(fileName, content)
                .as((n, c) -> "{\"files\":{" + quote(n) + ":" + quote(c) + "},\"justification\":\"fuzz\"}");
        return Arbitraries.oneOf(files, bodies());
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.oneOf(
                text(80),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.of(
                        "..",
                        ".",
                        "%00",
                        "../../etc/passwd",
                        "' OR 1=1 --",
                        "<script>",
                        "a".repeat(300),
                        "REQ-1",
                        "\u0000",
                        "💥",
                        "%2e%2e",
                        "null"));
    }

    @Provide
    Arbitrary<String> views() {
        return Arbitraries.oneOf(Arbitraries.of("mine", "received", "all", "", "MINE"), text(20));
    }

    @Provide
    Arbitrary<String> statuses() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "NEEDS_APPROVAL", "approved,completed", "needs-approval", ",", "APPROVED,,", "FOO"),
                text(30));
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 2000).map(String::valueOf),
                Arbitraries.of("", "1e3", "99999999999999999999", "-0", "0x10", " 5", "NaN", "1000", "999"),
                text(8));
    }

    private static Arbitrary<String> jsonValues() {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                text(40).map(ApiFuzzProperties::quote),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "{}", "[]", "\"\"", "1e999", "-"));
        return Arbitraries.recursive(
                () -> leaf,
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                        Combinators.combine(text(8), inner).as((k, v) -> "{" + quote(k) + ":" + v + "}")),
                0,
                4);
    }

    private static Arbitrary<String> text(int max) {
        return Arbitraries.strings()
                .withChars("aZ09 _-.:/\\\"'{}[]%<>&\u00e9\u4e2d\u0000\n")
                .ofMaxLength(max);
    }

    private static String quote(String s) {
        return Json.write(s);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String encodePath(String s) {
        String e = encode(s).replace("+", "%20");
        return e.isEmpty() ? "%20" : e;
    }
}
