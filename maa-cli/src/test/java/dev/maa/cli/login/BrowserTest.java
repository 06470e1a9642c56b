package dev.maa.cli.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BrowserTest {

    @Test
    void atHand_desktopSession_isTheBrowserFlow() {
        assertThat(Browser.atHand(Map.of("DISPLAY", ":0"), "Linux")).isTrue();
        assertThat(Browser.atHand(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux"))
                .isTrue();
        assertThat(Browser.atHand(Map.of(), "Mac OS X")).isTrue();
    }

    @Test
    void atHand_overSshOrWithoutDisplay_isTheDeviceFlow() {
        assertThat(Browser.atHand(Map.of(), "Linux")).isFalse();
        assertThat(Browser.atHand(Map.of("DISPLAY", ":0", "SSH_CONNECTION", "10.0.0.1 50000 10.0.0.2 22"), "Linux"))
                .isFalse();
        assertThat(Browser.atHand(Map.of("SSH_TTY", "/dev/pts/1"), "Mac OS X")).isFalse();
    }
}
