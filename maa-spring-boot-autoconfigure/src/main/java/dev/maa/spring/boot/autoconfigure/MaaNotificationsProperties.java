package dev.maa.spring.boot.autoconfigure;

/** {@code maa.notifications.*}. */
public class MaaNotificationsProperties {

    /** A YAML file whose notifications: section configures webhooks and e-mail (as in maa.yaml). */
    private String config;

    public String getConfig() {
        return config;
    }

    public void setConfig(String config) {
        this.config = config;
    }
}
