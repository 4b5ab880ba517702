package dev.vigil.controller;

import dev.vigil.exec.Executor;
import dev.vigil.exec.fence.Fencer;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** Everything the controller needs from its surroundings; the daemon provides the real ones. */
public interface ControllerContext {
    String localNode();

    CibService cib();

    ControllerTransport transport();

    /** This node's executor (runs agents here). */
    Executor executor();

    /** This node's fencer (runs fence agents from here). */
    Fencer fencer();

    /** Wall-clock time, read only at the edge: the scheduler gets "now" in its snapshot. */
    Clock clock();

    /** For timers (recurring rescheduling such as failure-timeout, operation deadlines). */
    ScheduledExecutorService timers();
}
