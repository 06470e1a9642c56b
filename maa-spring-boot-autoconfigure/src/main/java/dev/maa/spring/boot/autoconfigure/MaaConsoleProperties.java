package dev.maa.spring.boot.autoconfigure;

/** The in-app web console ({@code maa.web.console.*}). */
public class MaaConsoleProperties {

    /**
     * Whether the application serves the web console at <base-path>/console/ (needs maa.web.enabled and the
     * maa-server jar, which holds the console's files, on the class path).
     */
    private boolean enabled;

    /** Where the console's Sign out button sends the browser: the application's own sign-out page. */
    private String signOutUrl = "/logout";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getSignOutUrl() {
        return signOutUrl;
    }

    public void setSignOutUrl(String signOutUrl) {
        this.signOutUrl = signOutUrl;
    }
}
