package dev.maa.spring.boot.autoconfigure;

import dev.maa.api.MaaConfigurationException;

/**
 * A {@code maa.*} property has a value MAA cannot use. Start-up fails with it and {@link MaaFailureAnalyzer} shows
 * the property, the value, the problem and what to write instead, as Boot does for its own properties.
 */
public class InvalidMaaPropertyException extends MaaConfigurationException {

    private final String property;
    private final String value;
    private final String problem;
    private final String action;

    public InvalidMaaPropertyException(String property, String value, String problem, String action) {
        super(property + "=" + value + ": " + problem + "; " + action);
        this.property = property;
        this.value = value;
        this.problem = problem;
        this.action = action;
    }

    /** The property's name, e.g. {@code maa.executor.interval}. */
    public String property() {
        return property;
    }

    public String value() {
        return value;
    }

    public String problem() {
        return problem;
    }

    /** What to write instead. */
    public String action() {
        return action;
    }
}
