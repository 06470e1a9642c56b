package dev.maa.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentitiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Alice", "ALICE", " alice", "alice ", "\talice\n", "ａｌｉｃｅ", "alıce", "ALİCE"})
    void canonical_ofSpellingsOfAlice_isAlice(String spelling) {
        String c = Identities.canonical(spelling);
        if (spelling.contains("İ")) {
            assertThat(c).isEqualTo("ali\u0307ce"); // the dotted capital keeps its dot as a combining mark
        } else {
            assertThat(c).isEqualTo("alice");
            assertThat(Identities.same(spelling, "alice")).isTrue();
        }
    }

    @Test
    void canonical_foldsCompatibilityAndCase() {
        assertThat(Identities.canonical("Straße")).isEqualTo("strasse");
        assertThat(Identities.canonical("\u212Aelvin")).isEqualTo("kelvin"); // Kelvin sign
        assertThat(Identities.canonical("ﬁona")).isEqualTo("fiona");
        assertThat(Identities.canonical("App  Admins")).isEqualTo("app admins");
        assertThat(Identities.canonical("App\u00A0Admins")).isEqualTo("app admins");
        assertThat(Identities.canonical("svc-deployer.01_@corp")).isEqualTo("svc-deployer.01_@corp");
    }

    @Test
    void canonical_acceptsSingleScriptsAndTheCjkMixes() {
        assertThat(Identities.canonical("Иван")).isEqualTo("иван");
        assertThat(Identities.canonical("Ελένη")).isEqualTo("ελένη");
        assertThat(Identities.canonical("山田たろう")).isEqualTo("山田たろう");
        assertThat(Identities.canonical("tanaka山田")).isEqualTo("tanaka山田");
        assertThat(Identities.canonical("josé")).isEqualTo("josé");
        assertThat(Identities.canonical("jose\u0301")).isEqualTo("josé"); // combining accent composes
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ali\u200Bce",
                "alice\u200B",
                "\u200Balice",
                "ali\u200Dce",
                "ali\u202Ece",
                "al\u00ADice",
                "ali\uFEFFce",
                "ali\u2060ce",
                "al\u0007ice",
                "ali\uE000ce",
                "al\u3164ice",
                "ali\uFE0Fce",
                "ali\u2028ce"
            })
    void canonical_ofInvisibleCharacters_isRefused(String id) {
        assertThatThrownBy(() -> Identities.canonical(id))
                .isInstanceOf(InvalidIdentityException.class)
                .hasMessageContaining("invisible or special character U+")
                .hasMessageContaining("\\u")
                .satisfies(
                        e -> assertThat(((MaaException) e).responsible()).isEqualTo(MaaException.Responsible.CALLER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"аlice", "alicе", "pаypal", "ѕvc-deployer", "bοb"})
    void canonical_ofMixedScripts_isRefused(String id) {
        assertThatThrownBy(() -> Identities.canonical(id))
                .isInstanceOf(InvalidIdentityException.class)
                .hasMessageContaining("mixes the scripts")
                .hasMessageContaining("LATIN");
    }

    @Test
    void canonical_ofBlankOrOverlong_isRefused() {
        assertThatThrownBy(() -> Identities.canonical("  "))
                .isInstanceOf(InvalidIdentityException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> Identities.canonical(null))
                .isInstanceOf(InvalidIdentityException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> Identities.canonical("a".repeat(Identities.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidIdentityException.class)
                .hasMessageContaining("129 characters long; at most 128");
        assertThat(Identities.canonical("a".repeat(Identities.MAX_LENGTH))).hasSize(Identities.MAX_LENGTH);
    }

    @Test
    void invalidIdentity_namesTheIdWithEscapes() {
        InvalidIdentityException e = null;
        try {
            Identities.canonical("bob\u200B");
        } catch (InvalidIdentityException x) {
            e = x;
        }
        assertThat(e).isNotNull();
        assertThat(e.shownId()).isEqualTo("'bob\\u200B'");
        assertThat(e.problem()).contains("U+200B (zero width space)");
    }

    @Test
    void same_forUncheckedOldIds_comparesTheirSkeleton() {
        // ids stored before they were checked: no canonical form, still the same person as alice
        assertThat(Identities.same("ali\u200Bce", "alice")).isTrue();
        assertThat(Identities.same("аlice", "Alice")).isTrue();
        assertThat(Identities.same(" ALİCE\u200D", "ali\u0307ce")).isTrue();
        assertThat(Identities.same("аlice", "bob")).isFalse();
        assertThat(Identities.key("bοb\u200B")).isEqualTo("bob");
    }

    @Test
    void same_distinguishesDifferentNamesAndNull() {
        assertThat(Identities.same("alice", "alicia")).isFalse();
        assertThat(Identities.same("иван", "ivan")).isFalse();
        assertThat(Identities.same(null, "alice")).isFalse();
        assertThat(Identities.same("alice", null)).isFalse();
    }

    @Test
    void groupHelpers_compareCanonically() {
        assertThat(Identities.contains(Set.of("App Admins", "Ops"), "app  ADMINS"))
                .isTrue();
        assertThat(Identities.contains(Set.of("App Admins"), "App Admin")).isFalse();
        assertThat(Identities.anyShared(List.of("Security Team"), Set.of("x", "SECURITY TEAM")))
                .isTrue();
        assertThat(Identities.anyShared(List.of("Security Team"), Set.of())).isFalse();
        assertThat(Identities.keys(List.of("A", "a", "ａ"))).containsExactly("a");
    }
}
