package dev.maa.server;

import dev.maa.api.MaaConfigurationException;

/** The server could not start, e.g. the port is taken; the message names the address and what to change. */
public class ServerStartException extends MaaConfigurationException {

    private static final long serialVersionUID = 1L;

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
