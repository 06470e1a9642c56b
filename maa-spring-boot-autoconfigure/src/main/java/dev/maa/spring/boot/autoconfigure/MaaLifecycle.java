package dev.maa.spring.boot.autoconfigure;

import dev.maa.api.MaaConfigurationException;
import dev.maa.core.BackgroundJobs;
import dev.maa.core.MaaEngine;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the engine's background jobs (run approved calls, recover claims, expire requests) when the context starts
 * and stops them when it stops, and makes the engine's gatekeeper the JVM's global one for the Java agent and the
 * AspectJ aspect.
 *
 * <p>Why a lifecycle and not the engine bean itself: the jobs replay approved calls on beans, so they may only run
 * once every bean exists, and must stop before the beans (and the store) are destroyed.
 */
public class MaaLifecycle implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MaaLifecycle.class);

    private final MaaEngine engine;
    private final boolean runJobs;
    private final Duration interval;
    private BackgroundJobs jobs;
    private boolean installed;
    private volatile boolean running;

    public MaaLifecycle(MaaEngine engine, MaaProperties properties) {
        this.engine = engine;
        this.runJobs = properties.getExecutor().isEnabled();
        this.interval = MaaProperties.duration(
                "maa.executor.interval", properties.getExecutor().getInterval());
    }

    @Override
    public synchronized void start() {
        try {
            engine.installGlobal();
            installed = true;
        } catch (MaaConfigurationException e) {
            // another engine of this JVM (a second application context) serves the agent; this one keeps its own
            LOG.warn("MAA: {}", e.getMessage());
        }
        if (runJobs) {
            jobs = engine.startBackgroundJobs(interval);
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (jobs != null) {
            try {
                jobs.close();
            } catch (Exception e) {
                LOG.warn("MAA: stopping the background jobs failed: {}", e.toString());
            }
            jobs = null;
        }
        if (installed) {
            engine.uninstallGlobal();
            installed = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the background jobs run now. */
    public boolean jobsRunning() {
        return jobs != null;
    }
}
