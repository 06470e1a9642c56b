package dev.maa.api;

/** The policy requires a business justification and the call gave none. Nothing was parked. */
public class JustificationRequiredException extends MaaCallerException {

    private static final long serialVersionUID = 1L;

    public JustificationRequiredException(String operation, String why) {
        super(
                Kind.INVALID_INPUT,
                "A business justification is required for " + operation + " (" + why + ")."
                        + " Wrap the call in "
                        + "`try (var j = Maa.justify(\"CHG-1234 why\")) { ... }` or pass a @Justification parameter.");
    }
}
