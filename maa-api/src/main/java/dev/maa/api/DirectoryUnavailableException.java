package dev.maa.api;

/**
 * The directory that says who is in which group (LDAP, Active Directory) could not be asked; what needed the answer
 * (a review, a read) was refused, never decided as if the principal had no groups or all of them.
 *
 * <p>Why its own class: reviews are decided against membership at review time (invariant 3), so a directory that
 * is down must stop them the way a store that is down stops parking: {@link Kind#UNAVAILABLE}, retry later.
 */
public class DirectoryUnavailableException extends MaaUnavailableException {

    private static final long serialVersionUID = 1L;

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message + " Nothing was decided on it (fail closed); retry when the directory is back.", cause);
    }
}
