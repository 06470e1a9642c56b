package dev.maa.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.MaaConfigurationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StaticDirectoryTest {

    private static StaticDirectory yaml(String text) {
        return StaticDirectory.fromYaml(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "users.yaml");
    }

    @Test
    void fromYaml_readsUsersGroupsAndRoles() {
        StaticDirectory d = yaml("""
                users:
                  - id: alice
                    groups: [Device-Managers]
                  - id: bob
                    groups: [Security-Team, Device-Managers]
                    roles: [auditor]
                """);

        assertThat(d.find("bob").orElseThrow().roles()).containsExactly("auditor");
        assertThat(d.groupsOf("alice")).containsExactly("Device-Managers");
        assertThat(d.membersOf("Device-Managers")).containsExactly("alice", "bob");
        assertThat(d.find("carol")).isEmpty();
        assertThat(d.groupsOf("carol")).isEmpty();
    }

    @Test
    void fromYaml_mistakesNameTheFileAndTheProblem() {
        assertThatThrownBy(() -> yaml("people: []"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("users.yaml")
                .hasMessageContaining("'users'");
        assertThatThrownBy(() -> yaml("users: [{groups: [a]}]")).hasMessageContaining("users[0] (line 1) has no id");
        assertThatThrownBy(() -> yaml("users: [{id: a}, {id: a}]")).hasMessageContaining("same user 'a'");
    }

    @Test
    void fromYaml_twoSpellingsOfOneId_areRefused_namingBothLines() {
        assertThatThrownBy(() -> yaml("""
                users:
                  - id: alice
                    groups: [App-Approvers]
                  - id: Alice
                    groups: [App-Admins]
                """))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("users[0] (line 2, id 'alice')")
                .hasMessageContaining("users[1] (line 4, id 'Alice')")
                .hasMessageContaining("same user 'alice'")
                .hasMessageContaining("merge them");
        assertThatThrownBy(() -> yaml("""
                users:
                  - id: bob
                  - id: "bob "
                """))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("line 3")
                .hasMessageContaining("same user 'bob'");
    }

    @Test
    void fromYaml_idsAndGroupsWithoutCanonicalForm_areRefused() {
        assertThatThrownBy(() -> yaml("""
                users:
                  - id: alice
                  - id: аlice
                """))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("users[1] (line 3): the id 'аlice' is not accepted")
                .hasMessageContaining("mixes the scripts");
        assertThatThrownBy(() -> yaml("users: [{id: \"bob\\u200B\"}]"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("'bob\\u200B'")
                .hasMessageContaining("zero width space");
        assertThatThrownBy(() -> yaml("users: [{id: bob, groups: [\"Аpp-Approvers\"]}]"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("the group 'Аpp-Approvers'");
    }

    @Test
    void find_andMembership_compareCanonically() {
        StaticDirectory d = yaml("users: [{id: Alice, groups: [App Approvers]}]");
        assertThat(d.find("ALICE ")).map(p -> p.id()).contains("alice");
        assertThat(d.find("ａｌｉｃｅ")).isPresent();
        assertThat(d.find("ali\u200Bce")).isEmpty(); // lookups never throw; such ids are nobody
        assertThat(d.find("аlice")).isEmpty();
        assertThat(d.membersOf("app  approvers")).containsExactly("alice");
        assertThat(d.groupsOf("alice")).containsExactly("App Approvers");
    }

    @Test
    void builder_inCode() {
        StaticDirectory d = StaticDirectory.builder().user("alice", "A", "B").build();
        assertThat(d.membersOf("B")).containsExactly("alice");
        assertThat(StaticDirectory.empty().membersOf("B")).isEmpty();
    }
}
