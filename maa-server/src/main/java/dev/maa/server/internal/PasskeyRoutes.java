package dev.maa.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.PublicKeyCredentialParameters;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.RegistrationFailedException;
import dev.maa.api.Principal;
import dev.maa.api.TextLimits;
import dev.maa.api.Verdict;
import dev.maa.core.MaaEngine;
import dev.maa.core.signing.ApprovalSigning;
import dev.maa.core.signing.ApprovalStatement;
import dev.maa.core.signing.KeyAlgorithm;
import dev.maa.core.signing.KeyRecord;
import dev.maa.core.signing.SignedKeyRecord;
import dev.maa.core.signing.TrustedKeys;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The passkey routes of {@code maa serve} (issue 17): registering a passkey with WebAuthn
 * ({@code com.yubico:webauthn-server-core}: user verification required, ES256, EdDSA or RS256, an optional list of
 * allowed authenticator AAGUIDs), storing its anchor-signed enrollment, listing one's trusted keys, and the statement
 * a reviewer's passkey signs for a request.
 *
 * <p>Why a registered passkey is only pending here: the server is not trusted to say which key belongs to whom. A
 * registration returns the key and the {@code maa keys anchor sign} command for an anchor holder; the key counts only
 * once its anchor-signed enrollment is stored (and the host verifies that signature itself). Assertions are not
 * checked with this library but by the engine's own {@link ApprovalSigning} when the review is recorded (origin,
 * relying-party id, challenge = SHA-256 of the statement, signature, user verification, counter): the very check
 * the host repeats before the call runs, one mechanism for both.
 */
public final class PasskeyRoutes {

    /** How long a started registration may be finished. */
    static final Duration REGISTRATION_TTL = Duration.ofMinutes(5);
    /** Started registrations kept at most (the oldest are dropped first). */
    static final int MAX_PENDING = 1000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A started registration: who started it, what the browser was asked, until when. */
    private record Started(String reviewer, PublicKeyCredentialCreationOptions options, Instant until) {}

    private final MaaEngine engine;
    private final ApprovalSigning signing;
    private final Set<UUID> aaguids;
    private final RelyingParty rp;
    private final Clock clock;
    private final Map<String, Started> started = new ConcurrentHashMap<>();
    private final KeyTrustRoutes trust;

    /**
     * @param engine  the engine; without its {@link MaaEngine#approvalSigning()} (no {@code approvals:} section) every
     *                route answers 501, saying how to set passkeys up
     * @param rpName  the relying party's display name
     * @param aaguids the authenticator models allowed to register; empty: any
     */
    public PasskeyRoutes(MaaEngine engine, String rpName, Set<UUID> aaguids, Clock clock) {
        this.engine = engine;
        this.signing = engine.approvalSigning();
        this.aaguids = Set.copyOf(aaguids);
        this.clock = clock;
        this.trust = new KeyTrustRoutes(engine, clock);
        this.rp = signing == null
                ? null
                : RelyingParty.builder()
                        .identity(RelyingPartyIdentity.builder()
                                .id(signing.rpId())
                                .name(rpName)
                                .build())
                        .credentialRepository(new TrustedCredentials())
                        .origins(signing.origins())
                        .preferredPubkeyParams(List.of(
                                PublicKeyCredentialParameters.ES256,
                                PublicKeyCredentialParameters.EdDSA,
                                PublicKeyCredentialParameters.RS256))
                        .allowUntrustedAttestation(true)
                        .build();
    }

    public void register(Routes routes) {
        routes.authenticated(HandlerType.GET, "/api/v1/passkeys", configured(this::list));
        routes.authenticated(HandlerType.POST, "/api/v1/passkeys/registrations", configured(this::start));
        routes.authenticated(HandlerType.POST, "/api/v1/passkeys/registrations/{id}", configured(this::finish));
        routes.authenticated(HandlerType.POST, "/api/v1/passkeys/enrollments", configured(this::enroll));
        routes.authenticated(
                HandlerType.GET,
                "/api/v1/requests/{id}/statement",
                Set.of("decision", "notes"),
                configured(this::statement));
        trust.register(routes, this::configured);
    }

    /** {@code handler}, or 501 naming the missing {@code approvals:} section when this server verifies no passkeys. */
    private Routes.AuthenticatedHandler configured(Routes.AuthenticatedHandler handler) {
        if (signing != null) {
            return handler;
        }
        return (ctx, p) -> {
            throw ApiError.notImplemented(
                    "Set up passkey approvals: add an approvals: section to maa.yaml (docs/security.md)",
                    "This server verifies no passkey-signed approvals: its config has no approvals: section (rp_id,"
                            + " origins, anchors).");
        };
    }

    /**
     * {@code GET /api/v1/passkeys}: the caller's trusted keys (and how each is trusted), their key changes awaiting
     * approval, and the relying party to use them with.
     */
    private void list(Context ctx, Principal p) {
        List<Map<String, Object>> keys = new ArrayList<>();
        TrustedKeys t = signing.trustedKeys();
        for (TrustedKeys.TrustedKey k : t.all()) {
            if (dev.maa.api.Identities.same(k.reviewer(), p.id())) {
                keys.add(KeyTrustRoutes.keyJson(k));
            }
        }
        List<Map<String, Object>> revoked = new ArrayList<>(trust.suspended(t, p.id()));
        trust.revokedOwners().forEach((keyId, owner) -> {
            if (t.isRevoked(keyId) && dev.maa.api.Identities.same(owner, p.id())) {
                revoked.add(Map.of("keyId", keyId, "reviewer", owner, "reason", "revoked"));
            }
        });
        RequestRoutes.json(
                ctx,
                200,
                Map.of(
                        "rpId",
                        signing.rpId(),
                        "keys",
                        keys,
                        "revoked",
                        revoked,
                        "pending",
                        trust.pending(p.canonical().id())));
    }

    /** {@code POST /api/v1/passkeys/registrations}: the options for {@code navigator.credentials.create}. */
    private void start(Context ctx, Principal p) throws Exception {
        Instant now = clock.instant();
        started.values().removeIf(s -> s.until().isBefore(now));
        if (started.size() >= MAX_PENDING) {
            throw ApiError.badRequest(
                    "registration", "Too many passkey registrations are in progress; try again in a few minutes.");
        }
        String reviewer = p.canonical().id();
        PublicKeyCredentialCreationOptions options = rp.startRegistration(StartRegistrationOptions.builder()
                .user(UserIdentity.builder()
                        .name(reviewer)
                        .displayName(reviewer)
                        .id(userHandle(reviewer))
                        .build())
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .userVerification(UserVerificationRequirement.REQUIRED)
                        .residentKey(ResidentKeyRequirement.PREFERRED)
                        .build())
                .timeout(REGISTRATION_TTL.toMillis())
                .build());
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String registrationId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        started.put(registrationId, new Started(reviewer, options, now.plus(REGISTRATION_TTL)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registrationId", registrationId);
        body.put(
                "publicKey",
                Json.mapper().readTree(options.toCredentialsCreateJson()).get("publicKey"));
        RequestRoutes.json(ctx, 200, body);
    }

    /**
     * {@code POST /api/v1/passkeys/registrations/{id}}: checks the browser's {@code PublicKeyCredential} (origin,
     * relying party, challenge, user verification, algorithm, AAGUID) and answers the key as pending: with the command
     * an anchor holder runs to enroll it ({@code "enroll": "anchor"}, the default), or with the request that asks other
     * admins to approve its enrollment ({@code "enroll": "approvals"}).
     */
    private void finish(Context ctx, Principal p) {
        String id = ctx.pathParam("id");
        Started s = started.get(id);
        if (s == null
                || s.until().isBefore(clock.instant())
                || !s.reviewer().equals(p.canonical().id())) {
            throw ApiError.notFound("No passkey registration " + id + " of yours is in progress (they" + " last "
                    + REGISTRATION_TTL.toMinutes() + " minutes); start again.");
        }
        // the request is checked before the registration is used up, so a bad field can be fixed and sent again
        JsonNode body = Bodies.object(ctx, Bodies.MAX_BODY, "{\"credential\": {\"id\": \"...\", \"response\": {...}}}");
        String enrollBy = body == null ? "anchor" : body.path("enroll").asText("anchor");
        if (!enrollBy.equals("anchor") && !enrollBy.equals("approvals")) {
            throw ApiError.badRequest(
                    "enroll",
                    "Use \"anchor\" (an anchor holder signs) or \"approvals\" (other admins"
                            + " approve with their passkeys).");
        }
        String justification = body == null ? "" : body.path("justification").asText("");
        TextLimits.check(
                "justification",
                justification,
                TextLimits.MAX_JUSTIFICATION,
                "Nothing was parked; the registration is kept: shorten it and send it again.");
        if (!started.remove(id, s)) {
            throw ApiError.notFound("Passkey registration " + id + " was just finished by another request.");
        }
        if (body == null || !body.path("credential").isObject()) {
            throw ApiError.badRequest(
                    "credential",
                    "Send the PublicKeyCredential navigator.credentials.create returned, as {\"credential\": {...}}.");
        }
        RegistrationResult result;
        PublicKey key;
        try {
            result = rp.finishRegistration(FinishRegistrationOptions.builder()
                    .request(s.options())
                    .response(PublicKeyCredential.parseRegistrationResponseJson(
                            body.get("credential").toString()))
                    .build());
            key = result.getParsedPublicKey();
        } catch (RegistrationFailedException e) {
            throw ApiError.badRequest("credential", "The passkey registration was refused: " + e.getMessage() + ".");
        } catch (Exception e) {
            throw ApiError.badRequest(
                    "credential", "The credential is not a WebAuthn registration response: " + e.getMessage());
        }
        if (!result.isUserVerified()) {
            throw ApiError.badRequest(
                    "credential",
                    "The authenticator did not verify the user (UV); use a passkey with a PIN or biometrics.");
        }
        UUID aaguid = uuid(result.getAaguid().getBytes());
        if (!aaguids.isEmpty() && !aaguids.contains(aaguid)) {
            throw ApiError.badRequest(
                    "credential",
                    "Authenticators of model " + aaguid + " may not register here (approvals.aaguids lists " + aaguids
                            + "); use an allowed one.");
        }
        KeyAlgorithm algorithm = algorithm(key);
        String keyId = result.getKeyId().getId().getBase64Url();
        String publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key.getEncoded());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("keyId", keyId);
        out.put("reviewer", s.reviewer());
        out.put("algorithm", algorithm.wireName());
        out.put("publicKey", publicKey);
        out.put("aaguid", aaguid.toString());
        out.put("status", "pending");
        out.put(
                "enroll",
                "maa keys anchor sign --anchor-key ANCHOR_KEY_FILE --reviewer " + s.reviewer() + " --key-id " + keyId
                        + " --alg " + algorithm.wireName() + " --public-key " + publicKey);
        if (enrollBy.equals("approvals")) {
            try {
                out.put(
                        "requestId",
                        trust.requestEnrollment(
                                p, keyId, algorithm, key.getEncoded(), aaguid.toString(), justification));
            } catch (RuntimeException e) {
                started.putIfAbsent(id, s); // nothing was parked: the same credential may be sent again
                throw e;
            }
            out.put("status", "pending approval");
        }
        RequestRoutes.json(ctx, 201, out);
    }

    /**
     * {@code POST /api/v1/passkeys/enrollments}: stores an anchor-signed enrollment or revocation ({@code record},
     * {@code signer}, {@code signature} as {@code maa keys anchor sign} prints it). A record this host's anchors do not
     * verify is refused with the reason (it would be ignored anyway: trust is computed by every host from its anchors).
     */
    private void enroll(Context ctx, Principal p) {
        Map<String, String> b = Bodies.strings(ctx, Set.of("record", "signer", "signature"));
        SignedKeyRecord record;
        KeyRecord parsed;
        try {
            record = new SignedKeyRecord(b.get("record"), b.get("signer"), b.get("signature"));
            parsed = KeyRecord.parse(record.record());
        } catch (RuntimeException e) {
            throw ApiError.badRequest("record", "Send the JSON `maa keys anchor sign` printed: " + e.getMessage());
        }
        TrustedKeys alone = TrustedKeys.compute(signing.anchors(), List.of(record));
        if (!alone.problems().isEmpty()) {
            throw ApiError.badRequest(
                    "signature",
                    String.join("; ", alone.problems()) + ". Sign it with an anchor key named in approvals.anchors.");
        }
        signing.keys().add(record);
        RequestRoutes.json(
                ctx,
                201,
                Map.of(
                        "keyId", parsed.keyId(),
                        "reviewer", parsed.reviewer(),
                        "type", parsed.type().name().toLowerCase(java.util.Locale.ROOT),
                        "trusted", signing.trustedKeys().untrusted(parsed.keyId(), parsed.reviewer()) == null));
    }

    /**
     * {@code GET /api/v1/requests/{id}/statement?decision=approve|reject&notes=...}: the statement the caller's passkey
     * signs, its challenge, and the caller's trusted keys to offer {@code navigator.credentials.get}.
     */
    private void statement(Context ctx, Principal p) {
        String decision = Optional.ofNullable(ctx.queryParam("decision")).orElse("approve");
        Verdict verdict = switch (decision) {
            case "approve" -> Verdict.APPROVE;
            case "reject" -> Verdict.REJECT;
            default -> throw ApiError.badRequest("decision", "Use decision=approve or decision=reject.");
        };
        String notes = Optional.ofNullable(ctx.queryParam("notes")).orElse("");
        ApprovalStatement s = engine.statementToSign(ctx.pathParam("id"), p, verdict, notes);
        List<String> keys = new ArrayList<>();
        for (TrustedKeys.TrustedKey k : signing.trustedKeys().all()) {
            if (dev.maa.api.Identities.same(k.reviewer(), p.id())) {
                keys.add(k.keyId());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("statement", s.canonicalJson());
        out.put("challenge", s.challengeBase64Url());
        out.put("rpId", signing.rpId());
        out.put("allowCredentials", keys);
        RequestRoutes.json(ctx, 200, out);
    }

    private static KeyAlgorithm algorithm(PublicKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> KeyAlgorithm.ES256;
            case "EdDSA", "Ed25519" -> KeyAlgorithm.EDDSA;
            case "RSA" -> KeyAlgorithm.RS256;
            default ->
                throw ApiError.badRequest(
                        "credential",
                        "Passkeys of algorithm " + key.getAlgorithm()
                                + " are not accepted; use ES256, EdDSA or RS256.");
        };
    }

    private static UUID uuid(byte[] b) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(hi, lo);
    }

    /** The WebAuthn user handle of a reviewer: SHA-256 of their canonical id (no personal data on the authenticator). */
    static ByteArray userHandle(String reviewer) {
        try {
            return new ByteArray(
                    MessageDigest.getInstance("SHA-256").digest(reviewer.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The library's view of registered credentials: the keys trusted now (excluded from a new registration). */
    private final class TrustedCredentials implements CredentialRepository {

        @Override
        public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
            Set<PublicKeyCredentialDescriptor> out = new HashSet<>();
            for (TrustedKeys.TrustedKey k : signing.trustedKeys().all()) {
                if (dev.maa.api.Identities.same(k.reviewer(), username)) {
                    out.add(PublicKeyCredentialDescriptor.builder()
                            .id(id(k.keyId()))
                            .build());
                }
            }
            return out;
        }

        @Override
        public Optional<ByteArray> getUserHandleForUsername(String username) {
            return Optional.of(userHandle(username));
        }

        @Override
        public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
            return Optional.empty(); // assertions are checked by ApprovalSigning, not here
        }

        @Override
        public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
            return Optional.empty();
        }

        @Override
        public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
            return Set.of(); // a credential id enrolled twice is trusted for nobody (TrustedKeys)
        }

        private ByteArray id(String keyId) {
            try {
                return ByteArray.fromBase64Url(keyId);
            } catch (com.yubico.webauthn.data.exception.Base64UrlException e) {
                return new ByteArray(keyId.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
