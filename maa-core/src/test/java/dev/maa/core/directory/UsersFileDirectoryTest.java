package dev.maa.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Principal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileDirectoryTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("users.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void findFresh_afterAnEditThatKeepsTimeAndSize_seesTheEdit() throws IOException {
        Path f = write("users: [{id: bob, groups: [Approvers]}]\n");
        UsersFileDirectory d = UsersFileDirectory.watch(f);
        FileTime before = Files.getLastModifiedTime(f);
        assertThat(d.findFresh("bob"))
                .map(Principal::groups)
                .hasValueSatisfying(g -> assertThat(g).contains("Approvers"));

        Files.writeString(f, "users: [{id: bob, groups: [Approverz]}]\n"); // same size
        Files.setLastModifiedTime(f, before); // same time

        assertThat(d.findFresh("bob"))
                .map(Principal::groups)
                .hasValueSatisfying(g -> assertThat(g).containsExactly("Approverz"));
    }

    @Test
    void find_afterAnEditThatChangesTheSize_seesTheEdit_andAddsAndRemovesUsers() throws IOException {
        Path f = write("users: [{id: bob, groups: [Approvers]}, {id: carol, groups: [Approvers]}]\n");
        UsersFileDirectory d = UsersFileDirectory.watch(f);
        assertThat(d.membersOf("Approvers")).containsExactly("bob", "carol");

        write("users: [{id: bob, groups: [Readers]}, {id: dave, groups: [Approvers]}]\n");

        assertThat(d.membersOf("Approvers")).containsExactly("dave");
        assertThat(d.groupsOf("bob")).containsExactly("Readers");
        assertThat(d.find("carol")).isEmpty();
    }

    @Test
    void lookups_whenTheFileTurnsInvalid_failClosed_untilItIsFixed() throws IOException {
        Path f = write("users: [{id: bob, groups: [Approvers]}]\n");
        UsersFileDirectory d = UsersFileDirectory.watch(f);

        write("users: [{id: bob, groups: [Approvers]}, {id: Bob, groups: [Approvers]}]\n");
        assertThatThrownBy(() -> d.findFresh("bob"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("same user 'bob'")
                .hasMessageContaining("fail closed");
        assertThatThrownBy(() -> d.find("bob")).isInstanceOf(MaaConfigurationException.class);

        Files.delete(f);
        assertThatThrownBy(() -> d.find("bob"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("Restore the file");

        write("users: [{id: bob, groups: [Readers]}]\n");
        assertThat(d.groupsOf("bob")).containsExactly("Readers");
    }

    @Test
    void watch_ofAnInvalidFile_isRefusedAtStart() throws IOException {
        Path f = write("users: [{id: аlice}]\n");
        assertThatThrownBy(() -> UsersFileDirectory.watch(f))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("mixes the scripts");
    }
}
