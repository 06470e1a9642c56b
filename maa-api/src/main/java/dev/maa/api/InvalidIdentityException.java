package dev.maa.api;

/**
 * An identity (a principal id or a group name) that has no canonical form: blank, too long, with invisible
 * characters, or mixing scripts. Refused where the id enters (host principal, users file, token, CLI) so that no
 * two spellings of one name can act as two people; see {@link Identities}.
 */
public class InvalidIdentityException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    private final String shown;
    private final String problem;

    private InvalidIdentityException(String shown, String problem) {
        super(
                Kind.INVALID_INPUT,
                "The identity " + shown + " is not accepted: " + problem
                        + ". Use the plain name as the directory lists it (letters of one script, digits, '.', '-', '_', '@', inner spaces).");
        this.shown = shown;
        this.problem = problem;
    }

    static InvalidIdentityException of(String id, String problem) {
        return new InvalidIdentityException(Identities.escape(id), problem);
    }

    /** The refused id, quoted and with invisible characters written as {@code \}{@code uXXXX} escapes. */
    public String shownId() {
        return shown;
    }

    /** What is wrong with it, e.g. "it contains the invisible character \u200B (FORMAT)". */
    public String problem() {
        return problem;
    }
}
