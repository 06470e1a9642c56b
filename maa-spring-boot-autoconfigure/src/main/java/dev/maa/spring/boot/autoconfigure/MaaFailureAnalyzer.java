package dev.maa.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows a bad {@code maa.*} property at start-up as Boot shows its own: the property, the value, the problem and
 * what to write instead.
 */
public class MaaFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMaaPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidMaaPropertyException cause) {
        return new FailureAnalysis(
                "MAA could not start: the property '" + cause.property() + "' has the value '" + cause.value()
                        + "', which " + cause.problem() + ".",
                "Update your application's configuration: for " + cause.property() + ", " + cause.action() + ".",
                cause);
    }
}
