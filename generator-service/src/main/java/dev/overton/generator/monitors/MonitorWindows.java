package dev.overton.generator.monitors;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.MonitorSpec;
import dev.overton.contracts.MonitorWindow;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunDeletionRequested;
import dev.overton.contracts.RunSpec;
import dev.overton.generator.catalog.messaging.DeletionPublisher;
import dev.overton.generator.catalog.persistence.DeletionStore;
import dev.overton.generator.monitors.persistence.MonitorStore;
import dev.overton.generator.monitors.persistence.MonitorWindowRow;
import dev.overton.generator.monitors.persistence.MonitorWindowStore;
import dev.overton.generator.monitors.persistence.StoredMonitor;
import dev.overton.generator.monitors.persistence.StreamPromptStore;
import dev.overton.generator.runs.AcceptedRun;
import dev.overton.generator.runs.MonitorRuns;
import dev.overton.generator.runs.RunSubmission;
import dev.overton.support.log.LogSafe;
import dev.overton.support.reactive.InOrder;

/**
 * Turns opened monitor windows into runs and keeps a monitor's windows within its retention. A window's run is an
 * ordinary run, stored and published through {@link RunSubmission} like one from {@code POST /runs}: named {@code
 * <monitor> #<window>}, labelled with the window's label (else the spec's), asking the window's prompts (drawn seeded
 * from the dataset, or the stream prompts that arrived since the previous window), and carrying its monitor window in
 * its {@code runs} event. Windows beyond {@code retention.windows} are deleted oldest first through the catalog's
 * deletion path, as {@code DELETE /runs/{id}} does.
 */
@ApplicationScoped
public class MonitorWindows {

    private static final Logger LOG = Logger.getLogger(MonitorWindows.class);

    private final MonitorStore store;
    private final MonitorWindowStore windowStore;
    private final StreamPromptStore promptStore;
    private final RunSubmission submission;
    private final DeletionStore deletions;
    private final DeletionPublisher deletionPublisher;
    private final MeterRegistry registry;

    public MonitorWindows(
            MonitorStore store,
            MonitorWindowStore windowStore,
            StreamPromptStore promptStore,
            RunSubmission submission,
            DeletionStore deletions,
            DeletionPublisher deletionPublisher,
            MeterRegistry registry) {
        this.store = store;
        this.windowStore = windowStore;
        this.promptStore = promptStore;
        this.submission = submission;
        this.deletions = deletions;
        this.deletionPublisher = deletionPublisher;
        this.registry = registry;
    }

    /** Stores and publishes the runs of opened windows, one after the other, then applies each monitor's retention. */
    public Uni<Void> createRuns(List<MonitorWindowRow> windows) {
        return InOrder.each(
                windows,
                w -> createRun(w).onFailure().recoverWithUni(e -> {
                    // Left pending: the scheduler stores it again after overton.monitors.redo-after.
                    LOG.warnf(
                            "monitor %s window %d: run %s not stored yet, will try again: %s",
                            w.monitorId(), w.window(), w.runId(), LogSafe.quote(e));
                    return Uni.createFrom().voidItem();
                }));
    }

    /** Stores and publishes the run of one opened window (unless it is empty or stored already), then retention. */
    private Uni<Void> createRun(MonitorWindowRow window) {
        if (window.runId() == null) {
            registry.counter("overton.monitor.windows", "outcome", "empty").increment();
            LOG.infof(
                    "monitor %s window %d: no prompt arrived since the previous window; no run",
                    window.monitorId(), window.window());
            return Uni.createFrom().voidItem();
        }
        return store.find(window.monitorId()).chain(monitor -> {
            if (monitor == null) {
                return Uni.createFrom().voidItem(); // deleted meanwhile: its windows went with it
            }
            return prompts(monitor, window).chain(prompts -> {
                AcceptedRun run = run(monitor, window, prompts);
                MonitorWindow ref = new MonitorWindow(monitor.id(), monitor.name(), window.window());
                Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                return windowStore
                        .createRun(
                                window.monitorId(),
                                window.window(),
                                row -> submission.store(row.runId(), createdAt, run, ref))
                        .call(created -> {
                            if (!created) {
                                return Uni.createFrom().voidItem();
                            }
                            registry.counter("overton.monitor.windows", "outcome", "run")
                                    .increment();
                            return submission.publish(window.runId(), createdAt, run, ref);
                        })
                        .call(() -> window.promptTo() == null
                                ? Uni.createFrom().voidItem()
                                : promptStore.forgetStreamPrompts(monitor.id(), window.promptFrom(), window.promptTo()))
                        .call(() -> applyRetention(monitor))
                        .replaceWithVoid();
            });
        });
    }

    private Uni<List<Prompt>> prompts(StoredMonitor monitor, MonitorWindowRow window) {
        MonitorSpec.Window settings = monitor.monitor().window();
        long seed = settings.paired() ? WindowDraw.seed(monitor.id()) : WindowDraw.seed(monitor.id(), window.window());
        Uni<List<Prompt>> all = monitor.monitor().streamed()
                ? promptStore.streamPrompts(monitor.id(), window.promptFrom(), window.promptTo())
                : store.prompts(monitor.id());
        return all.map(prompts -> WindowDraw.draw(prompts, settings.prompts(), seed));
    }

    /** The window's run: the monitor's spec, named and labelled for the window, asking the window's prompts. */
    static AcceptedRun run(StoredMonitor monitor, MonitorWindowRow window, List<Prompt> prompts) {
        RunSpec template = monitor.spec();
        List<Object> inline = prompts.stream()
                .<Object>map(p -> {
                    Map<String, Object> prompt = new LinkedHashMap<>();
                    prompt.put("id", p.id());
                    prompt.put("messages", p.messages());
                    return prompt;
                })
                .toList();
        RunSpec spec = new RunSpec(
                MonitorRuns.runName(monitor.name(), window.window()),
                new DatasetSpec(null, inline),
                template.reference(),
                template.variants(),
                template.icl(),
                template.judge(),
                window.label() != null ? window.label() : template.label());
        return new AcceptedRun(spec, prompts);
    }

    /** Deletes the monitor's windows beyond {@code retention.windows}, oldest first (never a "first" baseline). */
    Uni<Void> applyRetention(StoredMonitor monitor) {
        Integer keep = monitor.monitor().retention() == null
                ? null
                : monitor.monitor().retention().windows();
        if (keep == null) {
            return Uni.createFrom().voidItem();
        }
        boolean keepFirst = MonitorSpec.FIRST.equals(monitor.monitor().baseline());
        return windowStore
                .beyondRetention(monitor.id(), keep, keepFirst)
                .chain(beyond -> InOrder.each(
                        beyond,
                        w -> deleteRun(w.runId(), RunDeletionRequested.BY_RETENTION)
                                .chain(() -> windowStore.forgetWindow(w.monitorId(), w.window()))
                                .invoke(() -> LOG.infof(
                                        "monitor %s: window %d deleted (retention keeps %d)",
                                        monitor.id(), w.window(), keep))));
    }

    /** Deletes a window's run through the catalog's deletion path (tombstone, then {@code run-deletions}). */
    public Uni<Void> deleteRun(String runId, String reason) {
        if (runId == null) {
            return Uni.createFrom().voidItem();
        }
        return deletions
                .request(runId, reason, Instant.now().truncatedTo(ChronoUnit.MICROS))
                .chain(deletion -> deletion == null
                        ? Uni.createFrom().voidItem()
                        : deletionPublisher.publishOrLeaveToSweep(deletion));
    }
}
