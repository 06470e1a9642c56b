package dev.maa.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.Json;
import dev.maa.cli.Table;
import dev.maa.cli.backend.RemoteBackend;
import dev.maa.core.signing.KeyAlgorithm;
import dev.maa.core.signing.KeyRecord;
import dev.maa.core.signing.SignedKeyRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code maa keys anchor create|sign}: the anchor keys that make approver passkeys trusted (docs/security.md); and
 * {@code maa keys list}: how each key is trusted now (anchor, or the approvals of which admins), and pending changes.
 *
 * <p>Why offline and file-based: an anchor's private key must never reach the server or the database, so the CLI
 * creates it in a file the administrator keeps (mode 0600, ideally on an offline machine) and signs enrollment and
 * revocation records with it; only the anchor's public line goes into the hosts' anchors files.
 */
@Command(
        name = "keys",
        description = "Anchor keys that make approvers' passkeys trusted.",
        subcommands = {KeysCommand.Anchor.class, KeysCommand.ListKeys.class})
public final class KeysCommand {

    @Command(
            name = "anchor",
            description = "Create an anchor key, or sign an enrollment or revocation with it.",
            subcommands = {KeysCommand.Create.class, KeysCommand.Sign.class})
    public static final class Anchor {}

    @Command(
            name = "create",
            description = "Create an anchor key pair: the private key into FILE (mode 0600), the public line for the"
                    + " hosts' anchors files on stdout.")
    public static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "The anchor's name, e.g. security-team.")
        String name;

        @Option(names = "--alg", description = "eddsa (default) or es256.")
        String alg = "eddsa";

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the private key.")
        Path out;

        @Override
        public Integer call() throws IOException {
            KeyAlgorithm a = KeyAlgorithm.fromWire(alg);
            if (a == KeyAlgorithm.RS256) {
                throw new CliException(ExitCodes.USAGE, "--alg: anchors are eddsa or es256 keys");
            }
            KeyPair pair = a.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes())
                            .encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            try {
                Files.createFile(
                        out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                throw new CliException(
                        ExitCodes.USAGE,
                        out + " exists; an anchor key is never overwritten. Choose" + " another --out.");
            }
            Files.writeString(out, "# maa anchor " + name + " " + a.wireName() + "\n" + pem);
            PrintWriter w = spec.commandLine().getOut();
            w.println(new dev.maa.core.signing.Anchors.Anchor(name, a, pair.getPublic()).line());
            w.flush();
            spec.commandLine()
                    .getErr()
                    .println("Private key written to " + out + " (keep it offline). Add the line above to every"
                            + " host's anchors file (approvals.anchors in maa.yaml).");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "sign",
            description = "Sign an enrollment (--public-key given) or a revocation of an approver key with an anchor"
                    + " key; prints the signed record as JSON for the key store.")
    public static final class Sign implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--anchor-key", required = true, paramLabel = "FILE", description = "The anchor's key file.")
        Path anchorKey;

        @Option(names = "--reviewer", required = true, description = "The approver's id.")
        String reviewer;

        @Option(names = "--key-id", required = true, description = "The credential id (base64url).")
        String keyId;

        @Option(names = "--alg", description = "The approver key's algorithm: es256, eddsa or rs256.")
        String alg;

        @Option(
                names = "--public-key",
                description = "The approver key (X.509 SubjectPublicKeyInfo, base64url); omit to revoke.")
        String publicKey;

        @Override
        public Integer call() throws IOException {
            String text = Files.readString(anchorKey);
            String[] header = text.lines().findFirst().orElse("").split(" ");
            if (header.length != 5 || !text.startsWith("# maa anchor ")) {
                throw new CliException(
                        ExitCodes.USAGE,
                        anchorKey + " is not an anchor key file written by `maa keys" + " anchor create`");
            }
            KeyAlgorithm anchorAlg = KeyAlgorithm.fromWire(header[4]);
            PrivateKey key = privateKey(anchorAlg, text);
            KeyRecord record = publicKey == null
                    ? KeyRecord.revoke(keyId, reviewer, Instant.now())
                    : KeyRecord.enroll(
                            keyId,
                            reviewer,
                            KeyAlgorithm.fromWire(alg == null ? "es256" : alg),
                            Base64.getUrlDecoder().decode(publicKey),
                            Instant.now());
            SignedKeyRecord signed = SignedKeyRecord.sign(record, header[3], anchorAlg, key);
            dev.maa.cli.Json.print(
                    spec.commandLine().getOut(),
                    java.util.Map.of(
                            "record", signed.record(), "signer", signed.signer(), "signature", signed.signature()));
            return ExitCodes.OK;
        }
    }

    static PrivateKey privateKey(KeyAlgorithm a, String pemFile) {
        String b64 = pemFile.replaceAll("(?s).*-----BEGIN PRIVATE KEY-----", "")
                .replaceAll("(?s)-----END PRIVATE KEY-----.*", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(a.jdkKeyName())
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "the anchor key file holds no readable " + a.wireName() + " private key: " + e.getMessage());
        }
    }

    @Command(
            name = "list",
            description = "List the approver keys the server trusts and how (anchor, or approvals by whom), the key"
                    + " changes awaiting approval (with their justification), the revoked keys and the keys that"
                    + " stopped counting for a signature counter conflict.")
    public static final class ListKeys implements Runnable {

        @Spec
        CommandSpec spec;

        @Mixin
        DevOptions options;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            JsonNode trust;
            try (RemoteBackend backend = options.remoteOnly("maa keys list")) {
                trust = backend.keyTrust();
            }
            if (options.json) {
                Json.print(out, trust);
                return;
            }
            Table table = Table.of("KEY", "OWNER", "ALG", "TRUSTED BY");
            trust.path("keys")
                    .forEach(k -> table.row(
                            k.path("keyId").asText(),
                            k.path("reviewer").asText(),
                            k.path("algorithm").asText(),
                            k.path("trustedBy").asText()));
            trust.path("pending")
                    .forEach(k -> table.row(
                            k.path("keyId").asText(),
                            k.path("reviewer").asText(),
                            "",
                            "pending " + k.path("type").asText() + ": request "
                                    + k.path("requestId").asText() + " ("
                                    + k.path("status").asText()
                                    + (k.path("approvedBy").isEmpty()
                                            ? ""
                                            : ", approved by " + String.join(", ", strings(k.path("approvedBy"))))
                                    + ")"
                                    + (k.path("justification").asText("").isEmpty()
                                            ? ""
                                            : ": " + k.path("justification").asText())));
            trust.path("revoked").forEach(k -> table.row(k.asText(), "", "", "revoked"));
            trust.path("suspended")
                    .forEach(k -> table.row(
                            k.path("keyId").asText(),
                            k.path("reviewer").asText(),
                            "",
                            "stopped counting: " + k.path("reason").asText()));
            if (table.isEmpty()) {
                out.println("No approver keys yet: register a passkey in the console (Passkeys).");
            } else {
                table.print(out);
            }
            out.println("A key enrolled by request needs the approval of "
                    + trust.path("enrollmentApprovals").asInt() + " other admins' trusted passkeys.");
            trust.path("problems").forEach(p -> out.println("ignored: " + p.asText()));
        }

        private static java.util.List<String> strings(JsonNode array) {
            java.util.List<String> out = new java.util.ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out;
        }
    }
}
