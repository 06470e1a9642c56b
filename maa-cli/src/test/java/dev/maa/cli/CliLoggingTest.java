package dev.maa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The CLI's logging: warnings on stderr, {@code MAA_LOG_LEVEL} for {@code dev.maa}, found by Logback first. */
class CliLoggingTest {

    private static LoggerContext configured() {
        LoggerContext context = new LoggerContext();
        CliLogging logging = new CliLogging();
        logging.setContext(context);
        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        return context;
    }

    @Test
    void warningsOnStderr_byDefault() {
        LoggerContext context = configured();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.maa").getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class, a -> {
            assertThat(a.getTarget()).isEqualTo("System.err");
            assertThat(a.isStarted()).isTrue();
        });
    }

    @Test
    void maaLogLevel_setsTheLevelOfDevMaa() {
        System.setProperty("MAA_LOG_LEVEL", "DEBUG");
        try {
            assertThat(configured().getLogger("dev.maa").getLevel()).isEqualTo(Level.DEBUG);
        } finally {
            System.clearProperty("MAA_LOG_LEVEL");
        }
    }

    @Test
    void logbackFindsIt_beforeItsXmlConfigurator() {
        assertThat(ServiceLoader.load(Configurator.class)).anyMatch(CliLogging.class::isInstance);
        // the context Logback made for this JVM was configured by it: its appender is there
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"))
                .isInstanceOf(ConsoleAppender.class);
        assertThat(context.getLogger("dev.maa").getLevel()).isNotNull();
    }
}
