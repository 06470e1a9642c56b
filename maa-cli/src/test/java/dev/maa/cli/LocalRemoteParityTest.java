package dev.maa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.Action;
import dev.maa.api.CompletionMode;
import dev.maa.api.Decision;
import dev.maa.api.Factor;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.api.Status;
import dev.maa.cli.backend.Backend;
import dev.maa.cli.backend.LocalBackend;
import dev.maa.cli.backend.RemoteBackend;
import dev.maa.core.ApprovalService;
import dev.maa.core.MaaEngine;
import dev.maa.core.RequestAction;
import dev.maa.core.Submission;
import dev.maa.core.codec.ParkedCallCodec;
import dev.maa.samples.deviceadmin.AppCatalog;
import dev.maa.samples.deviceadmin.AppManagement;
import dev.maa.samples.deviceadmin.SideEffects;
import dev.maa.server.DevUsersFile;
import dev.maa.server.MaaServer;
import dev.maa.server.ServerSettings;
import dev.maa.server.ServerSetup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every request action, and the "received" list, through the local CLI backend (the dev store, {@code --as}) and
 * through the REST API of a {@code maa serve} on loopback ({@code --server}, tokens): the same scenario on two
 * fresh homes gives the same JSON (ids and times aside) and the same exit code.
 */
class LocalRemoteParityTest {

    private static final Factor APP_CHANGES = Factor.of("App changes", 1, "App Approvers");
    private static final Factor SECURITY_REVIEW = Factor.of("Security review", 1, "Security Admins");
    private static final Factor DEVICE_WIPE = Factor.of("Device wipe", 1, "Device Managers");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    private static final AtomicInteger OBJECTS = new AtomicInteger();

    @TempDir
    static Path homes;

    private static DevEnvironment local;
    private static MaaServer server;
    private static Path remoteUsers;

    @BeforeAll
    static void start() {
        Path remoteHome = homes.resolve("remote");
        DevEnvironment.open(remoteHome, new PrintWriter(new StringWriter())).close(); // users.yaml, the store
        remoteUsers = remoteHome.resolve("users.yaml");
        server = MaaServer.start(
                ServerSetup.configure(ServerSettings.defaults(remoteHome).withListen(0, "127.0.0.1")));
        local = DevEnvironment.open(homes.resolve("local"), new PrintWriter(new StringWriter()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (local != null) {
            local.close();
        }
    }

    /** One side: an engine to set a scenario up with, and the backend a user acts through. */
    private record Side(String name, MaaEngine engine, Function<String, Backend> as) {}

    private static Side localSide() {
        return new Side("local", local.engine(), user -> new LocalBackend(local, () -> local.principal(user)));
    }

    private static final Map<String, String> TOKENS = new HashMap<>();

    private static Side remoteSide() {
        return new Side(
                "remote",
                server.config().engine(),
                user -> new RemoteBackend(
                        server.uri(), TOKENS.computeIfAbsent(user, u -> DevUsersFile.createToken(remoteUsers, u))));
    }

    /** What one action did: its exit code (0 on success), and the request as the actor then sees it. */
    private record Outcome(int exitCode, String json) {}

    /** The cases: who made the request, how far it got, who acts, what they do. */
    enum Case {
        APPROVE("alice", List.of(APP_CHANGES), null, "bob", RequestAction.APPROVE, Map.of("notes", "ok")),
        APPROVE_TWO_FACTORS_ONE_APPROVER(
                "alice",
                List.of(APP_CHANGES, SECURITY_REVIEW),
                null,
                "carol",
                RequestAction.APPROVE,
                Map.of("notes", "both checked")),
        APPROVE_WITH_THE_DIGEST_SEEN(
                "alice",
                List.of(APP_CHANGES),
                null,
                "bob",
                RequestAction.APPROVE,
                Map.of("notes", "ok", "digest", "<digest>")),
        APPROVE_WITH_A_WRONG_DIGEST(
                "alice",
                List.of(APP_CHANGES),
                null,
                "bob",
                RequestAction.APPROVE,
                Map.of("notes", "ok", "digest", "0".repeat(64))),
        APPROVE_OWN_REQUEST("carol", List.of(APP_CHANGES), null, "carol", RequestAction.APPROVE, Map.of("notes", "me")),
        APPROVE_BY_A_READER_WHO_IS_NOT_AN_APPROVER(
                "alice", List.of(APP_CHANGES), null, "dave", RequestAction.APPROVE, Map.of("notes", "ok")),
        APPROVE_TWICE("alice", List.of(APP_CHANGES, SECURITY_REVIEW), "bob", "bob", RequestAction.APPROVE, Map.of()),
        REJECT("alice", List.of(APP_CHANGES), null, "bob", RequestAction.REJECT, Map.of("notes", "not now")),
        CANCEL("alice", List.of(APP_CHANGES), null, "alice", RequestAction.CANCEL, Map.of("reason", "done by hand")),
        CANCEL_BY_AN_APPROVER("alice", List.of(APP_CHANGES), null, "bob", RequestAction.CANCEL, Map.of()),
        COMPLETE("alice", List.of(APP_CHANGES), "bob", "alice", RequestAction.COMPLETE, Map.of()),
        COMPLETE_BEFORE_APPROVAL("alice", List.of(APP_CHANGES), null, "alice", RequestAction.COMPLETE, Map.of()),
        CLOSE_REVIEW(
                null, List.of(), null, "carol", RequestAction.CLOSE_REVIEW, Map.of("notes", "checked with VPN team")),
        CLOSE_REVIEW_TWICE(null, List.of(), "carol", "carol", RequestAction.CLOSE_REVIEW, Map.of("notes", "again"));

        final String requester;
        final List<Factor> factors;
        final String firstApprover;
        final String actor;
        final RequestAction action;
        final Map<String, String> fields;

        Case(
                String requester,
                List<Factor> factors,
                String firstApprover,
                String actor,
                RequestAction action,
                Map<String, String> fields) {
            this.requester = requester;
            this.factors = factors;
            this.firstApprover = firstApprover;
            this.actor = actor;
            this.action = action;
            this.fields = fields;
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void everyAction_givesTheSameJsonAndExitCode_locallyAndThroughTheServer(Case c) throws Exception {
        String object = "app-parity-" + OBJECTS.incrementAndGet();
        Outcome viaLocal = run(localSide(), c, object);
        Outcome viaServer = run(remoteSide(), c, object);

        assertThat(viaLocal.exitCode())
                .as("exit code locally and through the server")
                .isEqualTo(viaServer.exitCode());
        assertThat(viaLocal.json()).isEqualTo(viaServer.json());
        if (c == Case.APPROVE_TWO_FACTORS_ONE_APPROVER) {
            JsonNode after = Json.mapper().readTree(viaLocal.json());
            assertThat(after.path("status").asText()).isEqualTo("APPROVED");
            assertThat(after.path("approvals").path("met").asBoolean()).isTrue();
            assertThat(after.path("approvals").path("given").asInt()).isEqualTo(2);
            assertThat(after.path("approvals").path("required").asInt()).isEqualTo(2);
        }
    }

    @Test
    void refusals_exitAsTheirKindSays_onBothSides() {
        assertThat(run(localSide(), Case.APPROVE_OWN_REQUEST, "app-own-" + OBJECTS.incrementAndGet())
                        .exitCode())
                .isEqualTo(ExitCodes.NOT_ALLOWED);
        assertThat(run(localSide(), Case.APPROVE_WITH_A_WRONG_DIGEST, "app-digest-" + OBJECTS.incrementAndGet())
                        .exitCode())
                .isEqualTo(ExitCodes.CONFLICT);
        assertThat(run(
                                remoteSide(),
                                Case.APPROVE_BY_A_READER_WHO_IS_NOT_AN_APPROVER,
                                "app-reader-" + OBJECTS.incrementAndGet())
                        .exitCode())
                .isEqualTo(ExitCodes.NOT_ALLOWED);
    }

    private static Outcome run(Side side, Case c, String object) {
        ApprovalService approvals = side.engine().approvals();
        String id = c.requester == null
                ? breakGlass(side.engine(), object)
                : park(approvals, c.requester, c.factors, object);
        if (c.firstApprover != null) {
            Principal first = Principal.of(c.firstApprover); // the engine reads the groups from its directory
            if (c.action == RequestAction.CLOSE_REVIEW) {
                approvals.closePostReview(id, first, "first look");
            } else {
                approvals.approve(id, first, "first");
            }
        }
        Map<String, String> fields = new HashMap<>(c.fields);
        fields.replaceAll((k, v) -> v.equals("<digest>") ? approvals.get(id).digest() : v);
        int code = 0;
        Backend backend = side.as().apply(c.actor); // not closed: the local one would close the shared dev store
        try {
            backend.act(id, c.action, fields);
        } catch (RuntimeException e) {
            code = ExitCodes.of(e);
        }
        return new Outcome(code, normalized(backend.show(id), id));
    }

    private static String park(ApprovalService approvals, String requester, List<Factor> factors, String object) {
        try {
            var call = ParkedCallCodec.allowing("dev.maa.samples")
                    .encode(AppManagement.class.getMethod("deleteApp", String.class), new Object[] {object});
            Decision decision = Decision.requireApproval(factors, Duration.ofHours(24), CompletionMode.MANUAL, true);
            String id = approvals
                    .submit(new Submission(
                            ResourceRef.of(ResourceType.APP, object),
                            Action.DELETE,
                            Principal.of(requester),
                            "CHG-77 remove " + object,
                            false,
                            decision,
                            call))
                    .id();
            nextMillisecond();
            return id;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** A break-glass call by emergency-admin-1 (assigning the sample's app-7), run at once, its review open. */
    private static String breakGlass(MaaEngine engine, String group) {
        // guarded as SampleHost guards it: by the agent when it is attached to this JVM, else by a JDK proxy
        boolean agent = AgentAttach.ensureAttached().isEmpty();
        AppCatalog catalog = new AppCatalog(new SideEffects());
        AppManagement apps = agent ? catalog : engine.protect(AppManagement.class, catalog);
        engine.installGlobal();
        try (var who = Maa.actingAs(Principal.of("emergency-admin-1"));
                var glass = Maa.emergency("INC-7 VPN outage: assign the fixed client to " + group)) {
            apps.assignApp("app-7", group);
        } finally {
            engine.uninstallGlobal();
        }
        return engine.approvals().postReviewQueue().stream()
                .filter(r -> r.justification().endsWith(" " + group))
                .findFirst()
                .orElseThrow()
                .id();
    }

    /** The JSON with the request's id and every instant replaced and audit sequence numbers dropped. */
    private static String normalized(JsonNode request, String id) {
        request.path("history").forEach(h -> ((ObjectNode) h).remove("seq"));
        Matcher m = INSTANT.matcher(request.toString().replace(id, "<id>"));
        return m.replaceAll("<t>");
    }

    /** Newest-first lists order by creation time: two requests never share a millisecond here. */
    private static void nextMillisecond() {
        long now = Instant.now().toEpochMilli();
        while (Instant.now().toEpochMilli() <= now) {
            Thread.onSpinWait();
        }
    }

    // ---- received, paged -------------------------------------------------------------------------------------

    @Test
    void receivedList_pagesAlike_locallyAndThroughTheServer_withTheCallersOwnInterleaved() {
        Map<String, String> labels = new HashMap<>();
        for (Side side : List.of(localSide(), remoteSide())) {
            for (int i = 0; i < 9; i++) {
                // erin (a Device Manager) made every third, once spelled in capitals, once in fullwidth letters
                String requester = switch (i) {
                    case 0 -> "erin";
                    case 3 -> "ERIN";
                    case 6 -> "ｅｒｉｎ";
                    default -> "alice";
                };
                String object = "app-inbox-" + i;
                String id = park(side.engine().approvals(), requester, List.of(DEVICE_WIPE), object);
                labels.put(id, object);
            }
        }
        List<int[]> pages = List.of(
                new int[] {0, 2}, new int[] {2, 2}, new int[] {4, 2}, new int[] {5, 1}, new int[] {0, 10}, new int[] {
                    3, 10
                });
        for (int[] page : pages) {
            JsonNode viaLocal = receivedPage(localSide(), page[0], page[1]);
            JsonNode viaServer = receivedPage(remoteSide(), page[0], page[1]);
            assertThat(labelled(viaLocal, labels))
                    .as("offset %d limit %d", page[0], page[1])
                    .isEqualTo(labelled(viaServer, labels));
        }
        JsonNode all = receivedPage(localSide(), 0, 10);
        List<String> objects = new ArrayList<>();
        all.path("items")
                .forEach(r -> objects.add(r.path("resource").path("objectId").asText()));
        assertThat(objects)
                .containsExactly(
                        "app-inbox-8", "app-inbox-7", "app-inbox-5", "app-inbox-4", "app-inbox-2", "app-inbox-1");
        assertThat(receivedPage(localSide(), 4, 2).path("hasMore").asBoolean()).isFalse();
        assertThat(receivedPage(localSide(), 3, 2).path("hasMore").asBoolean()).isTrue();
    }

    /** Erin's received requests: no other test here sends requests to her group (Device Managers). */
    private static JsonNode receivedPage(Side side, int offset, int limit) {
        return side.as().apply("erin").list("received", Set.of(Status.NEEDS_APPROVAL), offset, limit);
    }

    /** The page with each request id replaced by its object's id (ids differ between the two stores) and no times. */
    private static String labelled(JsonNode page, Map<String, String> labels) {
        String s = page.toString();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return INSTANT.matcher(s).replaceAll("<t>");
    }
}
