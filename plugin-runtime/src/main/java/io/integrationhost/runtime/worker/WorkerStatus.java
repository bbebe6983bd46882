package io.integrationhost.runtime.worker;

import java.time.Instant;

/**
 * What a plugin's worker is doing now.
 *
 * @param state {@code IDLE} (no process: it starts on the next call), {@code STARTING}, {@code RUNNING} or
 *     {@code FAILED} (it crashed too often, or its plugin does not start; {@code failure} says why)
 * @param pid the running process's id, or {@code null}
 * @param startedAt when the running process started, or {@code null}
 * @param callsInFlight calls the running process has now
 * @param lastStartMillis how long the last start took until the worker was ready, or {@code null} before one
 * @param restarts how many times a worker of this plugin version ended unexpectedly and was started again
 * @param lastCrash why a worker last ended unexpectedly, such as "exited with code 1", or {@code null}
 * @param lastCrashAt when, or {@code null}
 * @param failure why the plugin is failed, or {@code null}
 */
public record WorkerStatus(State state, Long pid, Instant startedAt, int callsInFlight, Long lastStartMillis, int restarts,
                           String lastCrash, Instant lastCrashAt, String failure) {

    public enum State { IDLE, STARTING, RUNNING, FAILED }
}
