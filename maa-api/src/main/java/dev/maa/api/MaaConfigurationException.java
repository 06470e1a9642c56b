package dev.maa.api;

/** A configuration mistake the operator must fix: an annotation, an allow-list, a policy, a setting. */
public class MaaConfigurationException extends MaaException {

    private static final long serialVersionUID = 1L;

    public MaaConfigurationException(String message) {
        super(Kind.CONFIGURATION, message);
    }

    public MaaConfigurationException(String message, Throwable cause) {
        super(Kind.CONFIGURATION, message, cause);
    }
}
