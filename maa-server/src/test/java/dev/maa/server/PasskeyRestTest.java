package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.core.signing.ApprovalStatement;
import dev.maa.core.signing.KeyAlgorithm;
import dev.maa.core.signing.KeyRecord;
import dev.maa.core.signing.SignedKeyRecord;
import dev.maa.core.testing.Passkeys;
import dev.maa.core.testing.Passkeys.Anchor;
import dev.maa.core.testing.Passkeys.Authenticator;
import dev.maa.store.jdbc.JdbcApproverKeyStore;
import dev.maa.store.jdbc.JdbcStores;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The passkey routes of {@code maa serve} over HTTP, with a software authenticator: registration checked by
 * webauthn-server-core, a key trusted only once an anchor signs its enrollment, and a signed approval recorded only
 * when the engine verifies its assertion.
 */
class PasskeyRestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ALLOWED_MODEL = UUID.fromString("ee882879-721c-4913-9775-3dfcce97072a");

    private final Anchor anchor = Anchor.create("security", KeyAlgorithm.EDDSA);
    private final Anchor impostor = Anchor.create("security", KeyAlgorithm.EDDSA);
    private final TestServer t = server(Set.of());

    private TestServer server(Set<UUID> aaguids) {
        return new TestServer(
                JdbcStores.h2InMemory("passkeys_" + UUID.randomUUID().toString().substring(0, 8)),
                store -> TestServer.USERS,
                (engine, store) -> engine.approvalSigning(anchor.signing(JdbcApproverKeyStore.of(store))),
                server -> server.passkeyAaguids(aaguids));
    }

    @AfterEach
    void close() {
        t.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** Registers {@code a} for {@code user} through the routes; the answer of the finishing call. */
    private HttpResponse<String> register(TestServer s, String user, Authenticator a, int flags, byte[] aaguid)
            throws Exception {
        return register(s, user, a, flags, aaguid, "");
    }

    /** As above, {@code more} added to the finishing call's body ({@code ,"enroll":...}). */
    private HttpResponse<String> register(
            TestServer s, String user, Authenticator a, int flags, byte[] aaguid, String more) throws Exception {
        HttpResponse<String> started = s.post("/api/v1/passkeys/registrations", s.tokenFor(user), null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode options = json(started);
        assertThat(options.at("/publicKey/authenticatorSelection/userVerification")
                        .asText())
                .isEqualTo("required");
        String credential =
                a.registrationResponse(options.at("/publicKey/challenge").asText(), Passkeys.ORIGIN, flags, aaguid);
        return s.post(
                "/api/v1/passkeys/registrations/"
                        + options.get("registrationId").asText(),
                s.tokenFor(user),
                "{\"credential\":" + credential + more + "}");
    }

    private HttpResponse<String> enroll(SignedKeyRecord r) throws Exception {
        return t.post(
                "/api/v1/passkeys/enrollments",
                t.tokenFor("carol"),
                JSON.writeValueAsString(
                        Map.of("record", r.record(), "signer", r.signer(), "signature", r.signature())));
    }

    private HttpResponse<String> approveSigned(String id, String user, Authenticator a) throws Exception {
        JsonNode st = json(t.get("/api/v1/requests/" + id + "/statement?decision=approve&notes=ok", t.tokenFor(user)));
        ApprovalStatement statement =
                ApprovalStatement.parse(st.get("statement").asText());
        assertThat(st.get("challenge").asText()).isEqualTo(statement.challengeBase64Url());
        return t.post(
                "/api/v1/requests/" + id + "/approve",
                t.tokenFor(user),
                JSON.writeValueAsString(
                        Map.of("notes", "ok", "signature", a.sign(statement).toJson())));
    }

    @Test
    void registeredPasskey_isPending_untilAnAnchorSignsItsEnrollment_thenItsSignedApprovalIsRecorded()
            throws Exception {
        Authenticator bobs = Authenticator.es256();

        HttpResponse<String> registered = register(t, "bob", bobs, 0x45, new byte[16]);

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode key = json(registered);
        assertThat(key.get("status").asText()).isEqualTo("pending");
        assertThat(key.get("keyId").asText()).isEqualTo(bobs.keyId());
        assertThat(key.get("enroll").asText()).contains("maa keys anchor sign").contains("--reviewer bob");
        assertThat(json(t.get("/api/v1/passkeys", t.tokenFor("bob"))).get("keys"))
                .isEmpty();

        HttpResponse<String> enrolled = enroll(anchor.sign(KeyRecord.enroll(
                key.get("keyId").asText(),
                "bob",
                KeyAlgorithm.ES256,
                Base64.getUrlDecoder().decode(key.get("publicKey").asText()),
                Instant.now())));

        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        assertThat(json(enrolled).get("trusted").asBoolean()).isTrue();
        assertThat(json(t.get("/api/v1/passkeys", t.tokenFor("bob")))
                        .at("/keys/0/keyId")
                        .asText())
                .isEqualTo(bobs.keyId());
        String id = t.parkUpdate("alice", "app-1", "rotate");
        HttpResponse<String> approved = approveSigned(id, "bob", bobs);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(t.engine.approvals().auditLog().forRequest(id).stream()
                        .anyMatch(e -> e.event().detail().contains("\"signed\"")))
                .isTrue();
    }

    @Test
    void signedApproval_byARegisteredKeyNoAnchorEnrolled_isRefused_andNothingIsRecorded() throws Exception {
        Authenticator bobs = Authenticator.es256();
        assertThat(register(t, "bob", bobs, 0x45, new byte[16]).statusCode()).isEqualTo(201);
        String id = t.parkUpdate("alice", "app-2", "rotate");

        HttpResponse<String> approved = approveSigned(id, "bob", bobs);

        assertThat(approved.statusCode()).isEqualTo(403);
        assertThat(approved.body()).contains("no enrollment signed by an anchor");
        assertThat(t.request(id).reviews()).isEmpty();
    }

    @Test
    void enrollment_signedByAKeyThatIsNoAnchor_isRefused_andNotStored() throws Exception {
        Authenticator bobs = Authenticator.es256();

        HttpResponse<String> enrolled = enroll(impostor.sign(KeyRecord.enroll(
                bobs.keyId(), "bob", KeyAlgorithm.ES256, bobs.pair().getPublic().getEncoded(), Instant.now())));

        assertThat(enrolled.statusCode()).isEqualTo(400);
        assertThat(enrolled.body()).contains("does not verify").contains("approvals.anchors");
        assertThat(t.engine.approvalSigning().keys().records()).isEmpty();
    }

    @Test
    void registration_withoutUserVerification_isRefused() throws Exception {
        HttpResponse<String> registered = register(t, "bob", Authenticator.es256(), 0x41, new byte[16]);

        assertThat(registered.statusCode()).isEqualTo(400);
        assertThat(registered.body()).containsIgnoringCase("user verification");
    }

    @Test
    void registration_ofAnAuthenticatorModelNotAllowed_isRefused_andAnAllowedOneIsPending() throws Exception {
        byte[] allowed = java.nio.ByteBuffer.allocate(16)
                .putLong(ALLOWED_MODEL.getMostSignificantBits())
                .putLong(ALLOWED_MODEL.getLeastSignificantBits())
                .array();
        try (TestServer strict = server(Set.of(ALLOWED_MODEL))) {
            HttpResponse<String> other = register(strict, "bob", Authenticator.es256(), 0x45, new byte[16]);
            HttpResponse<String> ok = register(strict, "carol", Authenticator.es256(), 0x45, allowed);

            assertThat(other.statusCode()).isEqualTo(400);
            assertThat(other.body())
                    .contains("00000000-0000-0000-0000-000000000000")
                    .contains("approvals.aaguids");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        }
    }

    @Test
    void statement_forOwnRequest_isRefused_asTheReviewWouldBe() throws Exception {
        String id = t.parkUpdate("alice", "app-3", "rotate");

        HttpResponse<String> r = t.get("/api/v1/requests/" + id + "/statement?decision=approve", t.tokenFor("alice"));

        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void trust_listsHowEachKeyIsTrusted_andAKeyChangeNoPolicyCovers_isRefusedNamingWhatToAdd() throws Exception {
        Authenticator bobs = anchor.enroll(JdbcApproverKeyStore.of(t.store), "bob", Authenticator.es256());

        JsonNode trust = json(t.get("/api/v1/passkeys/trust", t.tokenFor("carol")));
        HttpResponse<String> revoke =
                t.post("/api/v1/passkeys/" + bobs.keyId() + "/revocations", t.tokenFor("carol"), "{}");
        HttpResponse<String> unknown = t.post("/api/v1/passkeys/nokey/revocations", t.tokenFor("carol"), "{}");
        HttpResponse<String> approvals = register(t, "sam", Authenticator.es256(), 0x45, new byte[16]);

        assertThat(trust.get("enrollmentApprovals").asInt()).isEqualTo(2);
        assertThat(trust.at("/keys/0/keyId").asText()).isEqualTo(bobs.keyId());
        assertThat(trust.at("/keys/0/trustedBy").asText()).isEqualTo("anchor security");
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(403); // the demo policies cover no key change
        assertThat(revoke.body()).contains("add an access policy with profile_type CUSTOM:approver-key");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(approvals.statusCode()).isEqualTo(201); // enroll: anchor by default
        assertThat(JdbcApproverKeyStore.of(t.store).records()).hasSize(1);
    }

    @Test
    void askingApprovals_withAJustificationOverTheLimit_isRefused_andTheRegistrationIsKeptToSendAgain()
            throws Exception {
        HttpResponse<String> started = t.post("/api/v1/passkeys/registrations", t.tokenFor("sam"), null);
        JsonNode options = json(started);
        String path = "/api/v1/passkeys/registrations/"
                + options.get("registrationId").asText();
        String credential = Authenticator.es256()
                .registrationResponse(options.at("/publicKey/challenge").asText(), Passkeys.ORIGIN, 0x45, new byte[16]);

        HttpResponse<String> tooLong = t.post(
                path,
                t.tokenFor("sam"),
                "{\"credential\":" + credential + ",\"enroll\":\"approvals\",\"justification\":\"" + "x".repeat(1025)
                        + "\"}");
        HttpResponse<String> again = t.post(
                path,
                t.tokenFor("sam"),
                "{\"credential\":" + credential + ",\"enroll\":\"approvals\",\"justification\":\"CHG-1\"}");

        assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
        assertThat(tooLong.body()).contains("justification").contains("1024").contains("registration is kept");
        assertThat(again.statusCode())
                .as("the same registration is still there: " + again.body())
                .isEqualTo(403); // the demo policies cover no key change
        assertThat(again.body()).contains("CUSTOM:approver-key");
    }

    @Test
    void trust_listsAKeyWhoseSignedCountersConflict_asStopped_withTheReason() throws Exception {
        JdbcApproverKeyStore keys = JdbcApproverKeyStore.of(t.store);
        Authenticator bobs = anchor.enroll(keys, "bob", Authenticator.es256());
        keys.add(Passkeys.counterConflict(bobs, "bob", Passkeys.ORIGIN));

        JsonNode trust = json(t.get("/api/v1/passkeys/trust", t.tokenFor("carol")));
        JsonNode mine = json(t.get("/api/v1/passkeys", t.tokenFor("bob")));

        assertThat(trust.get("keys")).isEmpty();
        assertThat(trust.at("/suspended/0/keyId").asText()).isEqualTo(bobs.keyId());
        assertThat(trust.at("/suspended/0/reviewer").asText()).isEqualTo("bob");
        assertThat(trust.at("/suspended/0/reason").asText())
                .contains("counter 7")
                .contains("then counter 7");
        assertThat(mine.get("keys")).isEmpty();
        assertThat(mine.at("/revoked/0/keyId").asText()).isEqualTo(bobs.keyId());
        assertThat(mine.at("/revoked/0/reason").asText()).contains("may have been cloned");
    }
}
