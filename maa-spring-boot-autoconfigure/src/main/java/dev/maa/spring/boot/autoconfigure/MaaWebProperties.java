package dev.maa.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** {@code maa.web.*}: HTTP answers and the approval endpoints inside the application. */
public class MaaWebProperties {

    /** Whether the REST API for approvers is served by the application under base-path. */
    private boolean enabled;

    /** Where the in-app API lives. */
    private String basePath = "/maa";

    /**
     * Where a parked request can be followed, with {id} for its id; default <base-path>/api/v1/requests/{id}.
     * Set it to a maa serve elsewhere, e.g. https://maa.example.com/api/v1/requests/{id}.
     */
    private String requestUrl;

    /** Whether ApprovalRequiredException and friends are answered as application/problem+json. */
    private boolean problemAnswers = true;

    /**
     * Directory groups whose members may list every request (view=all), as maa serve's auth.reader_groups;
     * empty (the default) means nobody.
     */
    private List<String> readerGroups = new ArrayList<>();

    /** The web console of maa serve, served by the application under base-path (needs enabled). */
    @NestedConfigurationProperty
    private final MaaConsoleProperties console = new MaaConsoleProperties();

    public MaaConsoleProperties getConsole() {
        return console;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getBasePath() {
        return basePath;
    }

    public void setBasePath(String basePath) {
        this.basePath = basePath;
    }

    public String getRequestUrl() {
        return requestUrl;
    }

    public void setRequestUrl(String requestUrl) {
        this.requestUrl = requestUrl;
    }

    public boolean isProblemAnswers() {
        return problemAnswers;
    }

    public List<String> getReaderGroups() {
        return readerGroups;
    }

    public void setReaderGroups(List<String> readerGroups) {
        this.readerGroups = readerGroups;
    }

    public void setProblemAnswers(boolean problemAnswers) {
        this.problemAnswers = problemAnswers;
    }

    /** Where request {@code id} can be followed. */
    public String requestUrl(String id) {
        String template = requestUrl != null ? requestUrl : basePath + "/api/v1/requests/{id}";
        return template.replace("{id}", id);
    }
}
