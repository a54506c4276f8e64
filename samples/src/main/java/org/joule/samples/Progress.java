package org.joule.samples;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar (me.tongfei:progressbar) over a known number of steps, or nothing
 * at all when standard output is not a terminal ({@code System.console() == null}: CI, tests,
 * a pipe), so that logs and captured output hold only the samples' own lines.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar named {@code task} over {@code steps} steps, quiet off a terminal. */
    static Progress of(String task, long steps) {
        if (System.console() == null) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build());
    }

    /** Moves the bar to {@code step} (never backwards) with a short note after it. */
    void at(long step, String note) {
        if (bar != null) {
            if (step > bar.getCurrent()) {
                bar.stepTo(step);
            }
            bar.setExtraMessage(note);
        }
    }

    /** Finishes the bar, so that lines printed afterwards start on a fresh line. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
