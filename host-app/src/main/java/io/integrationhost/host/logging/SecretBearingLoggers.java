package io.integrationhost.host.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.integrationhost.runtime.worker.WorkerLogging;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Drops every event below INFO from the loggers that print raw HTTP, whatever level a configuration gives them or
 * the root. At DEBUG, Jetty's parser, connection and channel loggers print request lines, headers and body buffers
 * (the administrator's token, session cookies, authorization links, end users' form fields with their API keys), and
 * Apache HttpClient, which plugins use, prints each request's headers, Basic credentials included,
 * under {@code org.apache.hc.client5.http.headers} and {@code .wire}. Their INFO, WARN and ERROR events still pass.
 *
 * <p>The packaged {@code logback.xml} declares this filter; {@link #installIn} adds it to a configuration of the
 * operator's own ({@code -Dlogback.configurationFile}) as well, and again after each reconfiguration.
 */
public final class SecretBearingLoggers extends TurboFilter {

    /** Logger names, each with everything below it; plugin workers keep the same ones at INFO. */
    static final List<String> NAMES = WorkerLogging.SECRET_BEARING;

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        return level != null && !level.isGreaterOrEqual(Level.INFO) && bearsSecrets(logger.getName()) ? FilterReply.DENY
                : FilterReply.NEUTRAL;
    }

    static boolean bearsSecrets(String loggerName) {
        // Asked on every isDebugEnabled() of Jetty's, once per request or more: a plain loop, nothing allocated.
        for (String name : NAMES) {
            if (loggerName.startsWith(name)
                    && (loggerName.length() == name.length() || loggerName.charAt(name.length()) == '.')) {
                return true;
            }
        }
        return false;
    }

    /** Adds the filter to the process's logback context, unless its configuration did; a no-op without logback. */
    public static void installInThisProcess() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            installIn(context);
        }
    }

    /**
     * Adds the filter to {@code context} unless it is there, and keeps it there: a reconfiguration (a reset, as
     * logback's {@code scan} does) removes every filter, so it is added again then.
     */
    public static synchronized void installIn(LoggerContext context) {
        addIfMissing(context);
        if (context.getCopyOfListenerList().stream().noneMatch(Reinstaller.class::isInstance)) {
            context.addListener(new Reinstaller());
        }
    }

    private static void addIfMissing(LoggerContext context) {
        if (context.getTurboFilterList().stream().noneMatch(SecretBearingLoggers.class::isInstance)) {
            SecretBearingLoggers filter = new SecretBearingLoggers();
            filter.setName("secret-bearing-loggers");
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    /** Adds the filter back after a reset. */
    private static final class Reinstaller implements LoggerContextListener {

        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext context) {
            addIfMissing(context);
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    }
}
