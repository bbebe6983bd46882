package io.integrationhost.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.integrationhost.host.fixtures.LoggingStartPlugin;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.runtime.worker.WorkerLogging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A plugin in its worker logs at the level the host logs it at, as it did in the host's process: DEBUG lines when the
 * operator turns DEBUG on, none otherwise; and the loggers that print raw HTTP stay at INFO in the worker too, so the
 * credentials an HTTP client prints in its headers at DEBUG never reach the host's log.
 */
class WorkerLoggingTest {

    @TempDir
    Path root;

    @Test
    void withThePluginAtDebugItsWorkersDebugLinesReachTheHostsLogButNotItsHttpHeaders() throws Exception {
        List<String> lines = startCapturing(Level.DEBUG);

        assertThat(lines).anyMatch(line -> line.contains("DEBUG") && line.contains(LoggingStartPlugin.OWN_DEBUG_LINE));
        assertThat(lines).noneMatch(line -> line.contains(LoggingStartPlugin.HEADER_SECRET));
    }

    @Test
    void withThePluginAtInfoItsWorkerWritesNoDebugLines() throws Exception {
        List<String> lines = startCapturing(Level.INFO);

        assertThat(lines).noneMatch(line -> line.contains(LoggingStartPlugin.OWN_DEBUG_LINE));
    }

    /**
     * Starts the worker of a {@link LoggingStartPlugin} with the host's logger of that plugin at {@code level}, and
     * answers the lines the host logged of it once the start's last one is there.
     */
    private List<String> startCapturing(Level level) throws Exception {
        FixturePlugins.service("chatty").pluginClass(LoggingStartPlugin.class)
                .writeTo(Files.createDirectories(root.resolve("plugins")));
        Logger pluginLog = (Logger) LoggerFactory.getLogger(WorkerLogging.PLUGIN_LOGGERS + ".chatty");
        Level before = pluginLog.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        pluginLog.addAppender(captured);
        pluginLog.setLevel(level);
        try (RunningHost host = RunningHost.start(root)) {
            assertThat(host.worker("chatty").startNow()).as("the worker starts").isNull();
            long until = System.nanoTime() + 20_000_000_000L;
            while (lines(captured).stream().noneMatch(line -> line.contains(LoggingStartPlugin.HEADERS_INFO_LINE))) {
                assertThat(System.nanoTime()).as("the start's INFO line of the headers logger arrives: %s", lines(captured))
                        .isLessThan(until);
                Thread.sleep(20);
            }
            return lines(captured);
        } finally {
            pluginLog.detachAppender(captured);
            pluginLog.setLevel(before);
        }
    }

    private static List<String> lines(ListAppender<ILoggingEvent> captured) {
        synchronized (captured) {
            return captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
