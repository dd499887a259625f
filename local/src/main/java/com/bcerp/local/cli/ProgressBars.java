package com.bcerp.local.cli;

import com.bcerp.core.sync.SyncProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A long sync's progress as a bar on standard error: records read (of the total, when known), items pushed. */
final class ProgressBars implements SyncProgress {

    private ProgressBar bar;

    @Override
    public void begin(String run, long total) {
        bar = new ProgressBarBuilder().setTaskName(run).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250).showSpeed()
                .setUnit(" records", 1).build();
    }

    @Override
    public void update(long read, long pushed) {
        if (bar != null) {
            if (bar.getMax() >= 0 && read > bar.getMax()) {
                bar.maxHint(read); // the estimate from the last full pass was low
            }
            bar.stepTo(read);
            bar.setExtraMessage(" pushed " + pushed);
        }
    }

    @Override
    public void end(long read, long pushed) {
        if (bar != null) {
            bar.maxHint(read);
            bar.stepTo(read);
            bar.setExtraMessage(" pushed " + pushed);
            bar.close();
            bar = null;
        }
    }
}
