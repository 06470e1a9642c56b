package dev.maa.cli.login;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a browser is at hand, and starting one on a URL: {@code $BROWSER} when set, else the platform's opener
 * ({@code open}, {@code rundll32}, {@code xdg-open}). The URL is always printed as well, so a browser that fails to
 * start costs nothing.
 */
public final class Browser {

    private Browser() {}

    /**
     * Whether {@code maa login} should default to the browser flow: a desktop session, not over SSH. Without one the
     * device flow is the default (a browser on any other device can approve).
     */
    public static boolean atHand(Map<String, String> env, String osName) {
        if (set(env, "SSH_CONNECTION") || set(env, "SSH_TTY")) {
            return false;
        }
        String os = osName.toLowerCase(Locale.ROOT);
        return os.contains("mac") || os.contains("win") || set(env, "DISPLAY") || set(env, "WAYLAND_DISPLAY");
    }

    /** Starts a browser on {@code url}; tells {@code err} when it could not. Never waits for it. */
    public static void open(URI url, Map<String, String> env, PrintWriter err) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = set(env, "BROWSER")
                ? List.of(env.get("BROWSER").strip(), url.toString())
                : os.contains("mac")
                        ? List.of("open", url.toString())
                        : os.contains("win")
                                ? List.of("rundll32", "url.dll,FileProtocolHandler", url.toString())
                                : List.of("xdg-open", url.toString());
        try {
            new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            err.println("maa: could not start a browser (" + command.get(0) + "); open the address above yourself.");
            err.flush();
        }
    }

    private static boolean set(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }
}
