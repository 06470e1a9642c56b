package dev.maa.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.spring.boot.autoconfigure.web.MaaConsole;
import dev.maa.spring.boot.autoconfigure.web.MaaWebAutoConfiguration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * The in-app console's wiring: off unless asked for, and asked for without its files (this module's tests have no
 * maa-server jar) start-up fails naming the dependency to add. The console itself, in a browser, is the sample's
 * {@code InAppConsoleBrowserTest}.
 */
class MaaConsoleTest {

    @TempDir
    Path home;

    private WebApplicationContextRunner runner() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        AopAutoConfiguration.class, MaaAutoConfiguration.class, MaaWebAutoConfiguration.class))
                .withUserConfiguration(TestPolicies.class)
                .withPropertyValues("maa.home=" + home, "maa.executor.enabled=false", "maa.web.enabled=true");
    }

    @Test
    void console_isOff_byDefault() {
        runner().run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).doesNotHaveBean(MaaConsole.class);
        });
    }

    @Test
    void consoleEnabled_withoutTheMaaServerJar_failsStartUp_namingTheDependency() {
        runner().withPropertyValues("maa.web.console.enabled=true").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("dev.maa:maa-server")
                    .hasMessageContaining("maa.web.console.enabled=false");
        });
    }
}
