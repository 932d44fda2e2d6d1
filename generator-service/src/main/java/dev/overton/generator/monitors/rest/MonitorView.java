package dev.overton.generator.monitors.rest;

import java.time.Instant;
import java.util.List;

import dev.overton.contracts.MonitorSpec;
import dev.overton.contracts.RunSpec;
import dev.overton.generator.monitors.persistence.MonitorWindowRow;
import dev.overton.generator.monitors.persistence.OpenAlarmStore;
import dev.overton.generator.monitors.persistence.StoredMonitor;

/**
 * A monitor as {@code GET /monitors/{id}} shows it.
 *
 * @param id its id
 * @param name its name; its windows are the runs named {@code <name> #<window>}
 * @param state {@code active} or {@code paused}
 * @param createdAt when it was created
 * @param window how each window is drawn and how often
 * @param baseline what each window is compared with
 * @param alarms which metrics raise alarms, or {@code null}
 * @param retention how many windows are kept
 * @param source the prompt stream, or {@code null} when the prompts come from the dataset
 * @param spec the run spec its windows are made from
 * @param windows how many windows it has opened so far (the number of the latest)
 * @param windowsKept how many of them are kept (retention deletes the oldest)
 * @param lastWindow its latest window, or {@code null} before the first
 * @param nextWindowAt when its next scheduled window is due, or {@code null} (no schedule, or paused)
 * @param openAlarms the monitor's open alarms, as the scorer published them on {@code alarms} (the scorer's {@code GET
 *     /monitors/{id}/alarms} has every alarm, cleared ones too)
 */
public record MonitorView(
        String id,
        String name,
        String state,
        Instant createdAt,
        MonitorSpec.Window window,
        String baseline,
        MonitorSpec.Alarms alarms,
        MonitorSpec.Retention retention,
        MonitorSpec.Source source,
        RunSpec spec,
        int windows,
        long windowsKept,
        WindowView lastWindow,
        Instant nextWindowAt,
        List<OpenAlarmStore.OpenAlarm> openAlarms) {

    /** The view of a stored monitor. */
    static MonitorView of(StoredMonitor m, long kept, MonitorWindowRow last, List<OpenAlarmStore.OpenAlarm> open) {
        return new MonitorView(
                m.id(),
                m.name(),
                m.state(),
                m.createdAt(),
                m.monitor().window(),
                m.monitor().baseline(),
                m.monitor().alarms(),
                m.monitor().retention(),
                m.monitor().source(),
                m.spec(),
                m.lastWindow(),
                kept,
                last == null ? null : WindowView.of(last),
                m.nextDue(),
                List.copyOf(open));
    }

    /**
     * One window of a monitor.
     *
     * @param window its number, from 1
     * @param runId its run's id ({@code GET /runs/{id}}), or {@code null} when no prompt arrived for it
     * @param label its label, or {@code null}
     * @param trigger {@code schedule}, {@code catch-up} (one window for the ticks missed while no generator ran) or
     *     {@code manual}
     * @param dueAt the scheduled time it stands for, or {@code null} when triggered
     * @param openedAt when it was opened
     * @param status {@code pending} (its run is being stored), {@code created}, or {@code empty} (no run)
     */
    public record WindowView(
            int window, String runId, String label, String trigger, Instant dueAt, Instant openedAt, String status) {

        static WindowView of(MonitorWindowRow w) {
            return new WindowView(w.window(), w.runId(), w.label(), w.trigger(), w.dueAt(), w.openedAt(), w.status());
        }
    }
}
