package dev.overton.generator.monitors.rest;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgException;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.MonitorDefined;
import dev.overton.contracts.RunDeletionRequested;
import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.MonitorRules;
import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.monitors.AcceptedMonitor;
import dev.overton.generator.monitors.MonitorConfig;
import dev.overton.generator.monitors.MonitorValidator;
import dev.overton.generator.monitors.MonitorWindows;
import dev.overton.generator.monitors.messaging.MonitorPublisher;
import dev.overton.generator.monitors.persistence.MonitorStore;
import dev.overton.generator.monitors.persistence.MonitorWindowStore;
import dev.overton.generator.monitors.persistence.OpenAlarmStore;
import dev.overton.generator.monitors.persistence.StoredMonitor;
import dev.overton.generator.monitors.persistence.StreamPromptStore;
import dev.overton.generator.runs.InvalidRunSpecException;
import dev.overton.generator.runs.RunSpecValidator;
import dev.overton.generator.runs.ScorerOffers;
import dev.overton.generator.sampling.Backends;
import dev.overton.support.http.Problem;
import dev.overton.support.log.LogSafe;
import dev.overton.support.reactive.InOrder;

/**
 * The monitor API (issue 15, generator side): define a monitor, list and show monitors, run a window now, pause,
 * resume, delete, and feed a stream monitor's prompts. Writes need the API key like {@code POST /runs}. A monitor is
 * stored before its {@code monitors} record is published; a record Kafka did not acknowledge is published again by
 * the scheduler.
 */
@jakarta.ws.rs.Path("/monitors")
public class MonitorResource {

    private static final Logger LOG = Logger.getLogger(MonitorResource.class);

    private final MonitorValidator validator;
    private final MonitorStore store;
    private final MonitorWindowStore windowStore;
    private final StreamPromptStore promptStore;
    private final MonitorWindows windows;
    private final MonitorPublisher publisher;
    private final Vertx vertx;
    private final OpenAlarmStore alarms;

    public MonitorResource(
            GeneratorConfig config,
            Backends backends,
            MonitorStore store,
            MonitorWindowStore windowStore,
            StreamPromptStore promptStore,
            MonitorWindows windows,
            MonitorPublisher publisher,
            Vertx vertx,
            ScorerOffers scorers,
            OpenAlarmStore alarms,
            MonitorConfig monitors) {
        this.validator = new MonitorValidator(
                RunSpecValidator.of(config, backends).checkingMeasuresAgainst(scorers), monitors.minEvery());
        this.store = store;
        this.windowStore = windowStore;
        this.promptStore = promptStore;
        this.windows = windows;
        this.publisher = publisher;
        this.vertx = vertx;
        this.alarms = alarms;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Define a monitor",
            description = "A run spec (name, dataset, reference, variants, icl, judge, label) plus window, baseline,"
                    + " alarms, retention and source; docs/monitors.md. Needs X-API-Key. 400 names every bad field;"
                    + " 409 if a live monitor has the name.")
    @RequestBody(description = "The monitor definition")
    @APIResponse(
            responseCode = "201",
            description = "Created; Location: /monitors/{id}",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MonitorView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid definition, one entry per bad field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(byte[] body) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return vertx.executeBlocking(Uni.createFrom().item(() -> validator.validate(body)))
                .call(this::checkBaseline)
                .chain(accepted -> store.insert(id, accepted, now))
                .onFailure(MonitorResource::nameTaken)
                .transform(e -> new WebApplicationException(
                        "a monitor with this name exists; choose another name or delete it first", 409))
                .call(publisher::publishOrLeaveToSweep)
                .invoke(m -> LOG.infof(
                        "monitor %s %s created: every %s, %d prompts per window",
                        m.id(),
                        LogSafe.quote(m.name()),
                        m.monitor().window().every(),
                        m.monitor().window().prompts()))
                .map(m -> Response.created(URI.create("/monitors/" + m.id()))
                        .entity(MonitorView.of(m, 0, null, List.of()))
                        .build());
    }

    private Uni<Void> checkBaseline(AcceptedMonitor accepted) {
        String baseline = accepted.monitor().baseline();
        if (!MonitorRules.namesRun(baseline)) {
            return Uni.createFrom().voidItem();
        }
        return store.runExists(baseline)
                .invoke(exists -> {
                    if (!exists) {
                        throw new InvalidRunSpecException(List.of(new FieldError(
                                "baseline",
                                "names no run ('" + baseline
                                        + "'); use \"first\", \"previous\" or the id of an existing run"
                                        + " (GET /runs)")));
                    }
                })
                .replaceWithVoid();
    }

    private static boolean nameTaken(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every monitor, oldest first")
    public Uni<List<MonitorView>> list() {
        return store.list()
                .onItem()
                .transformToMulti(monitors -> Multi.createFrom().iterable(monitors))
                .onItem()
                .transformToUniAndConcatenate(this::view)
                .collect()
                .asList();
    }

    @GET
    @jakarta.ws.rs.Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A monitor: definition, state, windows so far, last and next window")
    public Uni<MonitorView> get(@PathParam("id") String id) {
        return find(id).chain(this::view);
    }

    private Uni<MonitorView> view(StoredMonitor monitor) {
        return windowStore
                .windowCount(monitor.id())
                .chain(kept -> windowStore
                        .windows(monitor.id(), 1)
                        .chain(last -> alarms.open(monitor.id())
                                .map(open ->
                                        MonitorView.of(monitor, kept, last.isEmpty() ? null : last.get(0), open))));
    }

    @POST
    @jakarta.ws.rs.Path("/{id}/windows")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Run one window now",
            description = "Body optional: {\"label\": \"v2.1\"} (e.g. the model version a deploy pipeline just"
                    + " released). Runs on a paused monitor too; the schedule is unchanged. Needs X-API-Key. 202.")
    @APIResponse(
            responseCode = "202",
            description = "The window, opened (its run id once stored)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MonitorView.WindowView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such monitor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> trigger(@PathParam("id") String id, byte[] body) {
        String label = MonitorPostBodies.label(body);
        return windowStore
                .trigger(id, label, Instant.now().truncatedTo(ChronoUnit.MICROS))
                .onItem()
                .ifNull()
                .failWith(() -> notFound(id))
                // A run that could not be stored now stays pending (status says so); the scheduler stores it later.
                .call(window -> windows.createRuns(List.of(window)))
                .chain(window -> windowStore.window(id, window.window()))
                .map(window -> Response.accepted(MonitorView.WindowView.of(window))
                        .location(window.runId() == null ? null : URI.create("/runs/" + window.runId()))
                        .build());
    }

    @POST
    @jakarta.ws.rs.Path("/{id}/pause")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pause the schedule (triggered windows still run). Needs X-API-Key.")
    public Uni<MonitorView> pause(@PathParam("id") String id) {
        return setState(id, MonitorDefined.PAUSED);
    }

    @POST
    @jakarta.ws.rs.Path("/{id}/resume")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume the schedule: the next window is due one period from now. Needs X-API-Key.")
    public Uni<MonitorView> resume(@PathParam("id") String id) {
        return setState(id, MonitorDefined.ACTIVE);
    }

    private Uni<MonitorView> setState(String id, String state) {
        return store.setState(id, state, Instant.now().truncatedTo(ChronoUnit.MICROS))
                .onItem()
                .ifNull()
                .failWith(() -> notFound(id))
                .call(publisher::publishOrLeaveToSweep)
                .chain(this::view);
    }

    @DELETE
    @jakarta.ws.rs.Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Delete a monitor and its windows' runs",
            description = "Needs X-API-Key. Each window's run is deleted like DELETE /runs/{id}; the monitors record"
                    + " gets a tombstone. 202.")
    @APIResponse(
            responseCode = "202",
            description = "The monitor is deleted; its windows' runs are being deleted",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Deleted.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such monitor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") String id) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return find(id).chain(monitor -> store.delete(id, now)
                .onItem()
                .ifNull()
                .failWith(() -> notFound(id))
                .call(runIds -> InOrder.each(runIds, run -> windows.deleteRun(run, RunDeletionRequested.BY_USER)))
                .call(() -> publisher.publishOrLeaveToSweep(new StoredMonitor(
                        id,
                        monitor.name(),
                        monitor.spec(),
                        monitor.monitor(),
                        StoredMonitor.DELETED,
                        null,
                        monitor.lastWindow(),
                        monitor.createdAt(),
                        now,
                        null)))
                .invoke(runIds -> LOG.infof("monitor %s deleted with %d window run(s)", id, runIds.size()))
                .map(runIds -> Response.accepted(new Deleted(id, StoredMonitor.DELETED, runIds))
                        .build()));
    }

    /**
     * The body of a monitor deletion's {@code 202}.
     *
     * @param id the monitor's id
     * @param state {@code deleted}
     * @param runs the ids of its windows' runs, each being deleted like {@code DELETE /runs/{id}}
     */
    public record Deleted(String id, String state, List<String> runs) {}

    @POST
    @jakarta.ws.rs.Path("/{id}/prompts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Feed a stream monitor",
            description = "{\"prompt\": \"...\"} or {\"messages\": [...]}, or a list of them (at most 1000). The next"
                    + " window takes up to window.prompts of the prompts that arrived since the previous one. Needs"
                    + " X-API-Key. 202; 409 if the monitor draws from a dataset.")
    @APIResponse(
            responseCode = "202",
            description = "The prompts are stored for the next window",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PromptsAccepted.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such monitor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> prompts(@PathParam("id") String id, byte[] body) {
        List<List<ChatMessage>> prompts = MonitorPostBodies.prompts(body);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return find(id).invoke(monitor -> {
                    if (!monitor.monitor().streamed()) {
                        throw new WebApplicationException(
                                "monitor '" + id + "' draws its prompts from its dataset; only a monitor with a"
                                        + " 'source' takes prompts",
                                409);
                    }
                })
                .chain(monitor -> InOrder.each(prompts, p -> promptStore.addPrompt(id, p, now)))
                .map(any -> Response.accepted(new PromptsAccepted(id, prompts.size()))
                        .build());
    }

    /**
     * The body of {@code POST /monitors/{id}/prompts}'s {@code 202}.
     *
     * @param id the monitor's id
     * @param accepted how many prompts were stored for its next window
     */
    public record PromptsAccepted(String id, int accepted) {}

    private Uni<StoredMonitor> find(String id) {
        return store.find(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no monitor with id '" + id + "'");
    }
}
