package dev.maa.test;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: a fresh {@link MaaTestKit} for every test (new store, clock at its start), injected as a parameter or
 * read with {@link #kit()}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static MaaExtension maa = MaaExtension.with(kit -> kit.policies(policies).user("bob", "App Approvers"));
 *
 * @Test
 * void delete_needsApproval(MaaTestKit maa) { ... }
 * }</pre>
 */
public final class MaaExtension implements BeforeEachCallback, ParameterResolver {

    private final Consumer<MaaTestKit.Builder> configuration;
    private MaaTestKit kit;

    private MaaExtension(Consumer<MaaTestKit.Builder> configuration) {
        this.configuration = configuration;
    }

    /** An extension whose kits {@code configuration} configures (policies, users). */
    public static MaaExtension with(Consumer<MaaTestKit.Builder> configuration) {
        return new MaaExtension(Objects.requireNonNull(configuration, "configuration"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        MaaTestKit.Builder builder = MaaTestKit.builder();
        configuration.accept(builder);
        kit = builder.build();
    }

    /** The current test's kit. */
    public MaaTestKit kit() {
        if (kit == null) {
            throw new IllegalStateException("No MAA test kit: kit() is available inside a test (after beforeEach)");
        }
        return kit;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MaaTestKit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return kit();
    }
}
