package org.joule.runtime.optimize;

/**
 * Ends a run from deep inside a step (an evaluation limit, a non-finite number, a failed line
 * search); the driver catches it and returns the last accepted iterate with this reason.
 * Carries no stack trace: it is control flow, not a bug.
 */
final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final StopReason reason;

    Stop(StopReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }
}
