package dev.maa.spring.boot.autoconfigure;

/** {@code maa.policies.*}: where the Rego access policies come from. */
public class MaaPoliciesProperties {

    /**
     * A policy directory, or classpath:<prefix> for policies packaged with the application; default
     * <home>/policies when it exists, else the demo policies.
     */
    private String location;

    /** The base URL of an OPA server deciding instead of the embedded evaluator, e.g. http://localhost:8181. */
    private String opaUrl;

    /** How often a policy directory is checked for edits (a duration); default: not watched. */
    private String watch;

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getOpaUrl() {
        return opaUrl;
    }

    public void setOpaUrl(String opaUrl) {
        this.opaUrl = opaUrl;
    }

    public String getWatch() {
        return watch;
    }

    public void setWatch(String watch) {
        this.watch = watch;
    }
}
