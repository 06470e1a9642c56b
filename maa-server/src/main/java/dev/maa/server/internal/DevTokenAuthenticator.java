package dev.maa.server.internal;

import dev.maa.api.Principal;
import dev.maa.server.DevUsersFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;

/**
 * Dev-mode authentication against the users file's token hashes. The file is re-read when it changes, so a token
 * minted with {@code maa token create} works without a restart.
 */
public final class DevTokenAuthenticator implements Authenticator {

    private final Path file;
    private volatile Snapshot snapshot;

    private record Snapshot(FileTime modified, long size, DevUsersFile users) {
    }

    public DevTokenAuthenticator(Path file) {
        this.file = file;
        this.snapshot = read();
    }

    public DevUsersFile users() {
        refresh();
        return snapshot.users();
    }

    @Override
    public Principal authenticate(String bearerToken) {
        refresh();
        DevUsersFile users = snapshot.users();
        String id = users.userForToken(bearerToken).orElseThrow(() -> ApiError.unauthenticated(
                "The API token is not known to this server. Mint one with: maa token create --user <id>"));
        return users.users().stream().filter(u -> u.id().equals(id)).findFirst()
                .map(u -> new Principal(u.id(), u.groups(), u.roles()))
                .orElseGet(() -> new Principal(id, Set.of(), Set.of()));
    }

    private void refresh() {
        try {
            Snapshot s = snapshot;
            if (!Files.getLastModifiedTime(file).equals(s.modified()) || Files.size(file) != s.size()) {
                snapshot = read();
            }
        } catch (IOException | RuntimeException e) {
            // keep the last good snapshot: a half-written file must not lock everyone out or let anyone in
        }
    }

    private Snapshot read() {
        try {
            return new Snapshot(Files.getLastModifiedTime(file), Files.size(file), DevUsersFile.load(file));
        } catch (IOException e) {
            return new Snapshot(FileTime.fromMillis(0), -1, DevUsersFile.load(file));
        }
    }

    @Override
    public String describe() {
        return "dev API tokens from " + file;
    }
}
