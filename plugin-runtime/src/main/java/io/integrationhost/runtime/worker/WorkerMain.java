package io.integrationhost.runtime.worker;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhost.api.ActionCall;
import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.IntegrationContext;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.runtime.json.Json;
import io.integrationhost.runtime.plugins.HostIntegrationContext;
import io.integrationhost.runtime.plugins.WorkerLoad;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plugin worker: a JVM that loads one plugin jar and runs the calls the host sends it over its standard input,
 * answering on its standard output (see {@link Frames}). What the plugin prints goes to standard error, which the host
 * logs; the channel is the worker's alone. It ends when the host says {@code stop} (after the calls it runs have
 * answered, for up to two seconds) or when its standard input closes, as it does when the host goes.
 */
public final class WorkerMain {

    private static final ObjectReader INPUT = Json.mapper().readerFor(new TypeReference<Map<String, Object>>() { });

    private final OutputStream channel;
    private final WorkerLoad plugin;
    private final Map<Long, Thread> running = new ConcurrentHashMap<>();
    private final ExecutorService calls;

    private WorkerMain(OutputStream channel, WorkerLoad plugin) {
        this.channel = channel;
        this.plugin = plugin;
        AtomicInteger count = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "plugin-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static void main(String[] args) {
        // The channel is standard output, kept for the frames; whatever else writes to System.out lands in the log.
        // Unbuffered: each frame is written whole, in one write.
        OutputStream channel = new FileOutputStream(FileDescriptor.out);
        InputStream requests = new FileInputStream(FileDescriptor.in);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        System.setIn(InputStream.nullInputStream());
        if (args.length != 1) {
            System.err.println("Usage: WorkerMain <plugin jar>");
            Runtime.getRuntime().halt(64);
        }
        WorkerLoad plugin;
        try {
            plugin = WorkerLoad.start(Path.of(args[0]));
        } catch (WorkerLoad.Refused refused) {
            ObjectNode message = Frames.message("refused");
            message.put("reason", refused.getMessage());
            send(channel, 0, message);
            Runtime.getRuntime().halt(0);
            return;
        } catch (RuntimeException | LinkageError e) {
            ObjectNode message = Frames.message("refused");
            message.put("reason", "The plugin could not be loaded: " + e.getClass().getName());
            send(channel, 0, message);
            Runtime.getRuntime().halt(0);
            return;
        }
        new WorkerMain(channel, plugin).serve(requests);
    }

    private void serve(InputStream requests) {
        ObjectNode hello = Frames.message("hello");
        hello.put("protocol", Frames.PROTOCOL);
        hello.put("pluginId", plugin.pluginId());
        hello.put("version", plugin.version());
        hello.put("integrationId", plugin.descriptor().id());
        ArrayNode profiles = hello.putArray("profiles");
        plugin.profiles().keySet().forEach(profiles::add);
        hello.put("pid", ProcessHandle.current().pid());
        send(channel, 0, hello);
        DataInputStream in = Frames.reader(requests);
        try {
            Frames.Frame frame;
            while ((frame = Frames.read(in)) != null) {
                if (frame.id() != 0) {
                    // A call: read on its own thread, so that this one only moves bytes.
                    Frames.Frame call = frame;
                    calls.execute(() -> run(call));
                    continue;
                }
                JsonNode message = frame.message();
                switch (message.path("type").asText()) {
                    case "cancel" -> {
                        Thread thread = running.get(message.path("id").asLong());
                        if (thread != null) {
                            thread.interrupt();
                        }
                    }
                    case "stop" -> {
                        stop();
                        return;
                    }
                    default -> {
                        // A message of a later protocol: ignored.
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("The host's channel broke: " + e.getMessage());
        }
        // The host is gone: nobody waits for an answer any more.
        Runtime.getRuntime().halt(0);
    }

    /** Lets the calls that run answer (for up to two seconds), closes the plugin and ends the process. */
    private void stop() {
        calls.shutdown();
        try {
            calls.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            plugin.close();
        } catch (RuntimeException e) {
            System.err.println("Closing the plugin failed: " + e.getClass().getName());
        }
        Runtime.getRuntime().halt(0);
    }

    private void run(Frames.Frame frame) {
        long id = frame.id();
        JsonNode call;
        try {
            call = frame.message();
        } catch (IOException e) {
            System.err.println("The host sent a call that is no message: " + e.getMessage());
            Runtime.getRuntime().halt(65);
            return;
        }
        Thread thread = Thread.currentThread();
        running.put(id, thread);
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(plugin.classLoader());
        ObjectNode answer;
        try {
            answer = answer(call);
        } catch (IntegrationException e) {
            answer = Frames.message("failed");
            if (e.error() != null) {
                answer.set("error", WireValues.error(e.error()));
            }
        } catch (RuntimeException | Error e) {
            answer = crashed(e);
        } finally {
            thread.setContextClassLoader(previous);
            running.remove(id);
            // A call interrupted on the host's behalf must not leave the flag for the next call on this thread.
            Thread.interrupted();
        }
        Frames.Encoded encoded;
        try {
            encoded = Frames.encode(id, answer);
        } catch (IOException e) {
            // Too large to send: the call fails, the channel stays.
            ObjectNode tooLarge = crashed(new IllegalStateException());
            tooLarge.put("exception", "io.integrationhost.runtime.worker.ResultTooLarge");
            send(channel, id, tooLarge);
            return;
        }
        send(channel, encoded);
    }

    private ObjectNode answer(JsonNode call) throws IntegrationException {
        Credentials credentials = WireValues.credentials(call.path("credentials"));
        IntegrationContext context = new HostIntegrationContext(plugin.descriptor().id(), System.getenv(),
                Duration.ofMillis(call.path("timeoutMillis").asLong(30_000)), call.path("correlationId").asText(""));
        switch (call.path("op").asText()) {
            case "execute" -> {
                Map<String, Object> input;
                try {
                    input = INPUT.readValue(call.path("input"));
                } catch (IOException e) {
                    throw new IllegalStateException("An action's input is always an object", e);
                }
                Object value = plugin.code().execute(new ActionCall(call.path("actionId").asText(), input, credentials, context));
                ObjectNode result = Frames.message("result");
                result.set("value", Json.asIs(value));
                return result;
            }
            case "testConnection" -> {
                return check(plugin.code().testConnection(credentials, context));
            }
            case "verify" -> {
                AuthorizationProfile profile = plugin.profiles().get(call.path("profileTypeId").asText());
                if (profile == null) {
                    throw new IllegalStateException("No such profile type");
                }
                return check(profile.verify(credentials, context));
            }
            default -> throw new IllegalStateException("Unknown operation");
        }
    }

    private static ObjectNode check(ConnectionCheck check) {
        ObjectNode answer = Frames.message("check");
        if (check != null) {
            answer.set("check", WireValues.check(check));
        }
        return answer;
    }

    /** A call that ended in what is no typed failure: only the exception's type goes back, as the host logs only that. */
    private static ObjectNode crashed(Throwable e) {
        ObjectNode answer = Frames.message("crashed");
        answer.put("exception", e.getClass().getName());
        return answer;
    }

    /** Sends a message; a channel that broke means the host is gone, and so the worker goes. */
    private static void send(OutputStream channel, long id, ObjectNode message) {
        try {
            send(channel, Frames.encode(id, message));
        } catch (IOException e) {
            Runtime.getRuntime().halt(0);
        }
    }

    private static void send(OutputStream channel, Frames.Encoded frame) {
        try {
            synchronized (channel) {
                frame.send(channel);
            }
        } catch (IOException e) {
            Runtime.getRuntime().halt(0);
        }
    }
}
