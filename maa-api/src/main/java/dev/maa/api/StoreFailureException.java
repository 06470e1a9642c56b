package dev.maa.api;

/**
 * The store refused an operation for a reason that is not an outage: its schema or stored data is not what this
 * version expects (a missing table or column, a value that no longer reads, a constraint the store did not
 * translate). Retrying will not help, so it is not {@link StoreUnavailableException}: the operator must act (run
 * the migrations of this version, restore the data, or report it). Nothing was changed or executed.
 *
 * <p>Stores throw this instead of their own SQL or driver exceptions, so no database type crosses the
 * {@code RequestStore} SPI. The message names the operation and the SQLState only (it can reach a caller); the
 * cause holds the database's own text for the log.
 */
public class StoreFailureException extends MaaException {

    private static final long serialVersionUID = 1L;

    public StoreFailureException(String message, Throwable cause) {
        super(
                Kind.CONFIGURATION,
                message + " Nothing was changed or executed; the operator finds the database's"
                        + " message in the log: check that the store's schema is this version's (migrations), else report it.",
                cause);
    }
}
