package dev.maa.benchmarks.signing;

import static dev.maa.api.Action.DELETE;
import static dev.maa.api.ResourceType.APP;

import dev.maa.api.ApprovalAssurance;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Factor;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.Protected;
import dev.maa.api.Verdict;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.signing.Anchors;
import dev.maa.core.signing.ApprovalSigning;
import dev.maa.core.signing.ApprovalStatement;
import dev.maa.core.signing.InMemoryApproverKeyStore;
import dev.maa.core.signing.KeyAlgorithm;
import dev.maa.core.signing.KeyRecord;
import dev.maa.core.signing.SignedKeyRecord;
import dev.maa.core.signing.SignedReview;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Completion of a request approved by 3 reviewers, with {@code session} approvals (the baseline) and with
 * {@code passkey} approvals (3 ES256 WebAuthn assertions the host verifies, keys enrolled by an Ed25519 anchor), in the
 * same run on the in-memory store: the difference is what host-side verification adds (goal: at most 1 ms).
 * Each invocation completes a fresh request parked and approved in its setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignedCompletionBenchmark {

    /** The call completions run. */
    public interface Apps {
        @Protected(resource = APP, action = DELETE)
        void deleteApp(String appId);
    }

    private static final String RP_ID = "maa.bench";
    private static final String ORIGIN = "https://maa.bench";
    private static final Principal ALICE = Principal.of("alice");
    private static final List<String> APPROVERS = List.of("bob", "carol", "dave");

    @Param({"session", "passkey"})
    public String assurance;

    private MaaEngine engine;
    private Apps apps;
    private StaticDirectory directory;
    private final Map<String, KeyPair> keys = new java.util.HashMap<>();
    private final Map<String, String> keyIds = new java.util.HashMap<>();
    private long counter;
    private String requestId;

    @Setup(Level.Trial)
    public void setUp() {
        StaticDirectory.Builder dir = StaticDirectory.builder().user("alice", "Requesters");
        APPROVERS.forEach(a -> dir.user(a, "Approvers"));
        directory = dir.build();
        KeyPair anchor = KeyAlgorithm.EDDSA.generateKeyPair();
        InMemoryApproverKeyStore store = new InMemoryApproverKeyStore();
        for (String a : APPROVERS) {
            KeyPair k = KeyAlgorithm.ES256.generateKeyPair();
            String id = UUID.randomUUID().toString();
            keys.put(a, k);
            keyIds.put(a, id);
            store.add(SignedKeyRecord.sign(
                    KeyRecord.enroll(id, a, KeyAlgorithm.ES256, k.getPublic().getEncoded(), Instant.now()),
                    "bench",
                    KeyAlgorithm.EDDSA,
                    anchor.getPrivate()));
        }
        engine = MaaEngine.builder()
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(
                                APP,
                                Set.of(DELETE),
                                new Factor("bench", Set.of("Approvers"), 3, ApprovalAssurance.fromWire(assurance)))
                        .build())
                .directory(directory)
                .approvalSigning(new ApprovalSigning(
                        Anchors.of(List.of(new Anchors.Anchor("bench", KeyAlgorithm.EDDSA, anchor.getPublic()))),
                        store,
                        RP_ID,
                        Set.of(ORIGIN)))
                .build();
        apps = engine.protect(Apps.class, appId -> {});
    }

    @Setup(Level.Invocation)
    public void parkAndApprove() {
        try (var who = Maa.actingAs(ALICE)) {
            apps.deleteApp("app-" + UUID.randomUUID());
            throw new IllegalStateException("the call was not parked");
        } catch (ApprovalRequiredException e) {
            requestId = e.requestId();
        }
        for (String a : APPROVERS) {
            Principal p = Principal.of(a);
            if ("session".equals(assurance)) {
                engine.approvals().approve(requestId, p, "ok");
            } else {
                ApprovalStatement s = ApprovalStatement.of(
                        engine.approvals().get(requestId),
                        a,
                        directory.groupsOf(a),
                        Verdict.APPROVE,
                        "ok",
                        UUID.randomUUID().toString(),
                        Instant.now());
                engine.approvals().review(requestId, p, Verdict.APPROVE, "ok", sign(a, s.canonicalJson()));
            }
        }
    }

    @Benchmark
    public Object complete() {
        return engine.approvals().complete(requestId, ALICE);
    }

    /** A WebAuthn assertion over {@code statement} as a browser and authenticator make it (UP, UV, next counter). */
    private SignedReview sign(String approver, String statement) {
        try {
            byte[] challenge = MessageDigest.getInstance("SHA-256").digest(statement.getBytes(StandardCharsets.UTF_8));
            byte[] client = ("{\"type\":\"webauthn.get\",\"challenge\":\""
                            + Base64.getUrlEncoder().withoutPadding().encodeToString(challenge) + "\",\"origin\":\""
                            + ORIGIN + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] ad = new byte[37];
            System.arraycopy(
                    MessageDigest.getInstance("SHA-256").digest(RP_ID.getBytes(StandardCharsets.UTF_8)), 0, ad, 0, 32);
            long c = ++counter;
            ad[32] = 0x05;
            ad[33] = (byte) (c >>> 24);
            ad[34] = (byte) (c >>> 16);
            ad[35] = (byte) (c >>> 8);
            ad[36] = (byte) c;
            byte[] clientHash = MessageDigest.getInstance("SHA-256").digest(client);
            byte[] data = new byte[69];
            System.arraycopy(ad, 0, data, 0, 37);
            System.arraycopy(clientHash, 0, data, 37, 32);
            return new SignedReview(
                    statement,
                    keyIds.get(approver),
                    ad,
                    client,
                    KeyAlgorithm.ES256.sign(keys.get(approver).getPrivate(), data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
