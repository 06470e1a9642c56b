package dev.maa.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayTextTest {

    @Test
    void escape_rightToLeftOverride_isShownByName() {
        assertThat(DisplayText.escape("app-\u202Edorp-tset")).isEqualTo("app-⟨U+202E⟩dorp-tset");
    }

    @Test
    void escape_zeroWidthAndBom_areShown() {
        assertThat(DisplayText.escape("app-prod\u200B")).isEqualTo("app-prod⟨U+200B⟩");
        assertThat(DisplayText.escape("\uFEFFx\u2066y\u2069")).isEqualTo("⟨U+FEFF⟩x⟨U+2066⟩y⟨U+2069⟩");
    }

    @Test
    void escape_terminalEscapeSequence_keepsNoControlCharacter() {
        String hostile = "CHG-1\u001B[2J\u001B[32mAPPROVED BY SECURITY\u0007\r\u009B1m";
        String shown = DisplayText.escape(hostile);
        assertThat(shown).isEqualTo("CHG-1⟨U+001B⟩[2J⟨U+001B⟩[32mAPPROVED BY SECURITY⟨U+0007⟩⟨U+000D⟩⟨U+009B⟩1m");
        assertThat(shown.chars().filter(Character::isISOControl)).isEmpty();
    }

    @Test
    void escape_keepsLineFeeds_escapeLineDoesNot() {
        assertThat(DisplayText.escape("a\nb")).isEqualTo("a\nb");
        assertThat(DisplayText.escapeLine("a\nb\tc")).isEqualTo("a⟨U+000A⟩b⟨U+0009⟩c");
    }

    @Test
    void escape_supplementaryTagsAndLoneSurrogates_areShown() {
        assertThat(DisplayText.escape("x\uDB40\uDC41")).isEqualTo("x⟨U+E0041⟩");
        assertThat(DisplayText.escape("x\uD800y")).isEqualTo("x⟨U+D800⟩y");
    }

    @Test
    void escape_visibleTextOfAnyScript_isUnchanged() {
        String plain = "Zürich — 東京 مرحبا 😀 app-42";
        assertThat(DisplayText.escape(plain)).isSameAs(plain);
        assertThat(DisplayText.hasHidden(plain)).isFalse();
        assertThat(DisplayText.hasHidden("two\nlines")).isFalse();
        assertThat(DisplayText.hasHidden("a\u200Db")).isTrue();
        assertThat(DisplayText.escape(null)).isEmpty();
    }

    @Test
    void escape_hangulFillerThatIsNoFormatCharacter_isShown() {
        assertThat(DisplayText.escape("a\u3164b")).isEqualTo("a⟨U+3164⟩b");
    }
}
