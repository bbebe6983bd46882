package io.integrationhost.runtime.worker;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a worker logs. It logs at the level the host logs its plugin at, so that an operator who turns DEBUG on for the
 * host ({@code HOST_LOG_LEVEL}, or a logging configuration of their own) sees the plugin's DEBUG lines too, as when the
 * plugin ran in the host's process. The loggers that print raw HTTP stay at INFO whatever that level: at DEBUG they
 * print request headers and bodies, the credentials of the call among them (Basic, bearer tokens), and the host logs
 * what a worker writes.
 */
public final class WorkerLogging {

    /** The logger, one per plugin id below it, under which the host logs what a plugin's worker writes. */
    public static final String PLUGIN_LOGGERS = "io.integrationhost.plugin";

    /**
     * Loggers that print raw HTTP below INFO, each with everything below it: Jetty's and Javalin's (the host's server, or
     * a plugin's Jetty client) and Apache HttpClient's headers and wire, which plugins use.
     */
    public static final List<String> SECRET_BEARING = List.of("org.eclipse.jetty", "io.javalin",
            "org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire");

    private WorkerLogging() {
    }

    /** The worker JVM's settings of its logger (slf4j-simple) for plugin {@code pluginId}. */
    static List<String> jvmOptions(String pluginId) {
        String level = level(LoggerFactory.getLogger(PLUGIN_LOGGERS + "." + pluginId));
        List<String> options = new ArrayList<>();
        options.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=" + level);
        if (level.equals("debug") || level.equals("trace")) {
            for (String name : SECRET_BEARING) {
                options.add("-Dorg.slf4j.simpleLogger.log." + name + "=info");
            }
        }
        return options;
    }

    private static String level(Logger logger) {
        if (logger.isTraceEnabled()) {
            return "trace";
        }
        if (logger.isDebugEnabled()) {
            return "debug";
        }
        if (logger.isInfoEnabled()) {
            return "info";
        }
        return logger.isWarnEnabled() ? "warn" : "error";
    }
}
