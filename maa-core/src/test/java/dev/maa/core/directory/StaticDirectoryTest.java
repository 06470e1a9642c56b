package dev.maa.core.directory;

import dev.maa.api.MaaConfigurationException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThatThrownBy(() -> yaml("people: []")).isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("users.yaml").hasMessageContaining("'users'");
        assertThatThrownBy(() -> yaml("users: [{groups: [a]}]")).hasMessageContaining("users[0] has no id");
        assertThatThrownBy(() -> yaml("users: [{id: a}, {id: a}]")).hasMessageContaining("listed twice");
    }

    @Test
    void builder_inCode() {
        StaticDirectory d = StaticDirectory.builder().user("alice", "A", "B").build();
        assertThat(d.membersOf("B")).containsExactly("alice");
        assertThat(StaticDirectory.empty().membersOf("B")).isEmpty();
    }
}
