package com.bcerp.infra;

import com.bcerp.config.DeploymentSettings.Schedules;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * A scheduled Lambda: one function on the worker package, invoked by an EventBridge Scheduler schedule.
 *
 * @param name               the job's name, e.g. {@code stock-sync} (the function's and the schedule's id)
 * @param handlerClass       the {@code RequestHandler<ScheduledEvent, ?>} in the worker package
 * @param rateMinutes        where the job's rate is in the config file's {@code deployment.schedules}
 * @param enqueuesStoreEvents whether the job sends store events to the queue (the order catch-up does); only then
 *                           may its function send to the queue
 */
public record ScheduledJob(String name, String handlerClass, ToIntFunction<Schedules> rateMinutes,
        boolean enqueuesStoreEvents) {

    public ScheduledJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handlerClass, "handlerClass");
        Objects.requireNonNull(rateMinutes, "rateMinutes");
        if (!name.matches("[a-z][a-z0-9-]{0,30}")) {
            throw new IllegalArgumentException("job name must be lower-case letters, digits and dashes: " + name);
        }
    }
}
