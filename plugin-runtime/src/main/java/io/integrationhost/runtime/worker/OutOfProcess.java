package io.integrationhost.runtime.worker;

/**
 * Marks an integration's code that runs in a worker process: the invoker calls it on the caller's thread, since the
 * worker keeps the time limit and the plugin's share of calls itself (see {@link PluginWorker}).
 */
public interface OutOfProcess {

    /** The worker that runs the code. */
    PluginWorker worker();
}
