package dev.maa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.AuditEntry;
import dev.maa.api.Directory;
import dev.maa.api.InvalidIdentityException;
import dev.maa.api.Principal;
import dev.maa.api.StoreUnavailableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SCIM users and groups in the store's database, on the H2 file and PostgreSQL: canonical uniqueness, the directory
 * they make (read live), audit entries committed with each change, and durability across a reopen.
 */
class JdbcScimStoreTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> stores() {
        Function<String, JdbcRequestStore> h2 = name -> JdbcStores.h2File(dir.resolve(name));
        Function<String, JdbcRequestStore> pg = name -> JdbcStores.fromUrl(EmbeddedPostgresSupport.newDatabase("scim"));
        return Stream.of(Arguments.of("h2", h2), Arguments.of("postgres", pg));
    }

    private static int counter;

    private static JdbcRequestStore open(Function<String, JdbcRequestStore> opener) {
        return opener.apply("scim" + (++counter));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void createUser_withTheCanonicalNameOfAnother_isRefused_andNothingIsWritten(
            String name, Function<String, JdbcRequestStore> opener) {
        try (JdbcRequestStore store = open(opener)) {
            JdbcScimStore scim = JdbcScimStore.of(store);
            ScimUser alice = scim.createUser(ScimUser.draft("Alice", "ext-1", true, "{}"));

            assertThatThrownBy(() -> scim.createUser(ScimUser.draft("ＡＬＩＣＥ ", "ext-2", true, "{}")))
                    .isInstanceOf(ScimConflictException.class)
                    .hasMessageContaining("'alice'")
                    .hasMessageContaining(alice.id())
                    .extracting(e -> ((ScimConflictException) e).reason())
                    .isEqualTo(ScimConflictException.Reason.UNIQUENESS);
            assertThatThrownBy(() -> scim.createUser(ScimUser.draft("аlice", null, true, "{}")))
                    .isInstanceOf(InvalidIdentityException.class);
            assertThat(scim.users(null, 0, 10).total()).isEqualTo(1);
            assertThat(scim.users("ALICE", 0, 10).resources()).containsExactly(alice);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void directory_followsMembershipAndDeactivation_atOnce_andEachChangeIsAudited(
            String name, Function<String, JdbcRequestStore> opener) {
        try (JdbcRequestStore store = open(opener)) {
            JdbcScimStore scim = JdbcScimStore.of(store);
            Directory directory = scim.directory();
            ScimUser bob = scim.createUser(ScimUser.draft("Bob@Contoso.com", null, true, "{}"));
            ScimGroup approvers = scim.createGroup(ScimGroup.draft("App Approvers", null, Set.of()));

            scim.updateGroup(approvers.id(), g -> g.with(g.displayName(), null, Set.of(bob.id())));
            assertThat(directory.findFresh("bob@contoso.com"))
                    .get()
                    .extracting(Principal::id, Principal::groups)
                    .containsExactly("bob@contoso.com", Set.of("App Approvers"));
            assertThat(directory.membersOf("app approvers")).containsExactly("bob@contoso.com");

            ScimUser off = scim.updateUser(bob.id(), u -> u.with(u.userName(), null, false, u.attributes()))
                    .orElseThrow();
            assertThat(off.version()).isEqualTo(2);
            assertThat(directory.findFresh("Bob@Contoso.com")).isEmpty();
            assertThat(directory.membersOf("App Approvers")).isEmpty();

            scim.updateUser(bob.id(), u -> u.with(u.userName(), null, true, u.attributes()));
            scim.updateGroup(approvers.id(), g -> g.with(g.displayName(), null, Set.of()));
            assertThat(directory.findFresh("bob@contoso.com"))
                    .get()
                    .extracting(Principal::groups)
                    .isEqualTo(Set.of());
            scim.deleteUser(bob.id(), u -> {});
            assertThat(directory.findFresh("bob@contoso.com")).isEmpty();

            assertThat(types(store))
                    .containsSubsequence(
                            "DIRECTORY_USER_ADDED",
                            "DIRECTORY_GROUP_ADDED",
                            "DIRECTORY_MEMBER_ADDED",
                            "DIRECTORY_USER_DEACTIVATED",
                            "DIRECTORY_USER_REACTIVATED",
                            "DIRECTORY_MEMBER_REMOVED",
                            "DIRECTORY_USER_REMOVED");
            assertThat(store.auditLog().verify().intact()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void updateGroup_withAMemberThatIsNoUser_isRefused_andKeepsTheGroupAsItWas(
            String name, Function<String, JdbcRequestStore> opener) {
        try (JdbcRequestStore store = open(opener)) {
            JdbcScimStore scim = JdbcScimStore.of(store);
            ScimGroup g = scim.createGroup(ScimGroup.draft("Helpdesk", null, Set.of()));

            assertThatThrownBy(() -> scim.updateGroup(g.id(), x -> x.with("Helpdesk", null, Set.of("no-such-user"))))
                    .isInstanceOf(ScimConflictException.class)
                    .hasMessageContaining("no-such-user")
                    .hasMessageContaining("POST /Users");
            assertThat(scim.group(g.id())).contains(g);
        }
    }

    @Test
    void writes_onTheH2File_waitForTheDisk_andSurviveAReopen() {
        Path file = dir.resolve("durable");
        String userId;
        try (JdbcRequestStore store = JdbcStores.h2File(file)) {
            JdbcScimStore scim = JdbcScimStore.of(store);
            long flushes = store.db().flushes();
            userId = scim.createUser(ScimUser.draft("carol", null, true, "{\"title\":\"x\"}"))
                    .id();
            ScimGroup g = scim.createGroup(ScimGroup.draft("Security Admins", null, Set.of(userId)));
            assertThat(g.members()).containsExactly(userId);
            assertThat(store.db().flushes())
                    .as("each acknowledged write waited for a group flush")
                    .isGreaterThanOrEqualTo(flushes + 2);
        }
        try (JdbcRequestStore reopened = JdbcStores.h2File(file)) {
            JdbcScimStore scim = JdbcScimStore.of(reopened);
            assertThat(scim.user(userId)).get().extracting(ScimUser::attributes).isEqualTo("{\"title\":\"x\"}");
            assertThat(scim.directory().find("CAROL"))
                    .get()
                    .extracting(Principal::groups)
                    .isEqualTo(Set.of("Security Admins"));
        }
    }

    @Test
    void directory_emailOf_isTheProvisionedPrimaryOrWorkAddress_ofActiveUsersOnly() {
        try (JdbcRequestStore store = JdbcStores.h2File(dir.resolve("mail"))) {
            JdbcScimStore scim = JdbcScimStore.of(store);
            Directory directory = scim.directory();
            scim.createUser(ScimUser.draft(
                    "dave",
                    null,
                    true,
                    "{\"emails\":[{\"value\":\"d@home.example\",\"type\":\"home\"},"
                            + "{\"value\":\"dave@corp.example\",\"type\":\"work\"}]}"));
            ScimUser erin = scim.createUser(ScimUser.draft(
                    "erin",
                    null,
                    true,
                    "{\"emails\":[{\"value\":\"erin@corp.example\",\"type\":\"work\"},"
                            + "{\"value\":\"e@corp.example\",\"primary\":true}]}"));
            scim.createUser(ScimUser.draft("frank", null, true, "{}"));

            assertThat(directory.emailOf("DAVE")).contains("dave@corp.example");
            assertThat(directory.emailOf("erin")).contains("e@corp.example");
            assertThat(directory.emailOf("frank"))
                    .as("none provisioned: the template decides")
                    .isEmpty();
            assertThat(directory.emailOf("nobody")).isEmpty();
            scim.updateUser(erin.id(), u -> u.with(u.userName(), null, false, u.attributes()));
            assertThat(directory.emailOf("erin")).as("deactivated").isEmpty();
        }
    }

    @Test
    void directory_ofAStoreThatIsClosed_refusesLookups() {
        JdbcRequestStore store = JdbcStores.h2File(dir.resolve("closed"));
        Directory directory = JdbcScimStore.of(store).directory();
        store.close();

        assertThatThrownBy(() -> directory.findFresh("alice")).isInstanceOf(StoreUnavailableException.class);
    }

    private static List<String> types(JdbcRequestStore store) {
        return store.auditLog().read(0, 1000).stream()
                .map(AuditEntry::event)
                .map(e -> e.type())
                .toList();
    }
}
