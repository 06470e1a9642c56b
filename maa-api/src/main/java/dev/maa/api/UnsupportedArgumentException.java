package dev.maa.api;

/**
 * An argument of a protected call cannot be parked: its type is not on the codec's allow-list or it
 * cannot be written as JSON. Raised at park time, before anything is stored.
 */
public class UnsupportedArgumentException extends MaaConfigurationException {

    private static final long serialVersionUID = 1L;

    public UnsupportedArgumentException(String message) {
        super(message);
    }

    public UnsupportedArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
