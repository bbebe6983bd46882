package io.integrationhost.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

/**
 * With every logger at DEBUG, the loggers that print raw HTTP log nothing below INFO; the others log as configured,
 * and the filter survives a reconfiguration. A logback context of the test's own, so the build's logging is untouched.
 */
class SecretBearingLoggersTest {

    private final LoggerContext context = new LoggerContext();
    private ListAppender<ILoggingEvent> captured;

    @Test
    void theLoggersThatPrintRawHttpLogNothingBelowInfoWhateverTheirLevel() {
        SecretBearingLoggers.installIn(context);
        captureEverythingAtDebug();

        for (String name : new String[] {"org.eclipse.jetty.http.HttpParser", "org.eclipse.jetty.server.HttpChannel",
                "io.javalin.Javalin", "org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire"}) {
            Logger logger = context.getLogger(name);
            logger.setLevel(Level.TRACE);
            logger.trace("Authorization: Bearer trace-secret");
            logger.debug("Authorization: Basic debug-secret");
            logger.info("started");
        }

        assertThat(captured.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.INFO).hasSize(5);
        assertThat(context.getLogger("org.eclipse.jetty.http.HttpParser").isDebugEnabled()).isFalse();
    }

    @Test
    void everyOtherLoggerStillLogsAtDebug() {
        SecretBearingLoggers.installIn(context);
        captureEverythingAtDebug();

        context.getLogger("io.integrationhost.bamboohr.client.BambooHrClient").debug("GET /api/v1/employees/0 answered 200");
        context.getLogger("org.apache.hc.client5.http.impl.classic.InternalHttpClient").debug("ex-1 preparing request execution");
        context.getLogger("org.eclipse.jettyish.Other").debug("a name that only starts alike");

        assertThat(captured.list).extracting(ILoggingEvent::getLoggerName).containsExactly(
                "io.integrationhost.bamboohr.client.BambooHrClient", "org.apache.hc.client5.http.impl.classic.InternalHttpClient",
                "org.eclipse.jettyish.Other");
    }

    @Test
    void theFilterIsThereOnceAndStaysThroughAReconfiguration() {
        SecretBearingLoggers.installIn(context);
        SecretBearingLoggers.installIn(context);
        assertThat(context.getTurboFilterList()).hasSize(1);

        // What logback does before it reads a changed configuration file (scan="true").
        context.reset();
        captureEverythingAtDebug();
        context.getLogger("org.apache.hc.client5.http.headers").debug("Authorization: Basic after-reset-secret");

        assertThat(context.getTurboFilterList()).hasOnlyElementsOfType(SecretBearingLoggers.class).hasSize(1);
        assertThat(captured.list).isEmpty();
    }

    private void captureEverythingAtDebug() {
        captured = new ListAppender<>();
        captured.setContext(context);
        captured.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.DEBUG);
        root.addAppender(captured);
    }
}
