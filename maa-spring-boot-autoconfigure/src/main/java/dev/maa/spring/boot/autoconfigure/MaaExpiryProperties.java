package dev.maa.spring.boot.autoconfigure;

/** {@code maa.expiry.*}. */
public class MaaExpiryProperties {

    /** Expiry of requests whose policy sets no ttl (a duration). */
    private String defaultTtl = "30d";

    public String getDefaultTtl() {
        return defaultTtl;
    }

    public void setDefaultTtl(String defaultTtl) {
        this.defaultTtl = defaultTtl;
    }
}
