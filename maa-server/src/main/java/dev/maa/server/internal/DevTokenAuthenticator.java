package dev.maa.server.internal;

import dev.maa.api.Principal;
import dev.maa.core.directory.WatchedFile;
import dev.maa.server.DevUsersFile;
import java.nio.file.Path;

/**
 * Dev-mode authentication against the users file's token hashes. The file is followed as it is edited
 * ({@link WatchedFile}: at once when its time or size changes, within 2 s otherwise), so a token minted with
 * {@code maa token create} works without a restart and a user removed from the file is refused; a file that turns
 * invalid refuses everyone until it is fixed (fail closed).
 */
public final class DevTokenAuthenticator implements Authenticator {

    private final WatchedFile<DevUsersFile> file;

    public DevTokenAuthenticator(Path file) {
        this.file = DevUsersFile.watch(file);
    }

    public DevUsersFile users() {
        return file.get();
    }

    @Override
    public Principal authenticate(String bearerToken) {
        DevUsersFile users = file.get();
        String id = users.userForToken(bearerToken)
                .orElseThrow(() -> ApiError.unauthenticated(
                        "The API token is not known to this server. Mint one with: maa token create --user <id>"));
        DevUsersFile.User u = users.user(id)
                .orElseThrow(
                        () -> ApiError.unauthenticated("The API token's user is no longer in " + file.file() + "."));
        return new Principal(u.id(), u.groups(), u.roles());
    }

    @Override
    public String describe() {
        return "dev API tokens from " + file.file();
    }
}
