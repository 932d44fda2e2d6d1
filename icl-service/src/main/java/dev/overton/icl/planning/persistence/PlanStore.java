package dev.overton.icl.planning.persistence;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RunCreated;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.json.EventJson;
import dev.overton.icl.planning.IclPlanner;

/** Run plans and received teacher sets in PostgreSQL; every write is an idempotent upsert on the natural key. */
@ApplicationScoped
public class PlanStore {

    private final Mutiny.SessionFactory sessions;

    public PlanStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Records a run and the plan for it. */
    public Uni<Void> recordRun(RunCreated run, String plan) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "insert into run_plans (run_id, name, reference, variants, prompt_count, plan,"
                                        + " received_at) values (:run, :name, :reference, :variants, :count, :plan, :at)"
                                        + " on conflict (run_id) do nothing")
                        .setParameter("run", run.runId())
                        .setParameter("name", run.spec().name())
                        .setParameter("reference", run.spec().reference())
                        .setParameter(
                                "variants",
                                EventJson.write(run.spec().variants().stream()
                                        .map(v -> v.name())
                                        .toList()))
                        .setParameter("count", run.promptIds().size())
                        .setParameter("plan", plan)
                        .setParameter("at", Instant.now())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Records a reference variant's sample set, the material of in-context examples. */
    public Uni<Void> recordTeacherSet(SampleSet set) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "insert into teacher_sets (run_id, prompt_id, variant, sample_count, received_at)"
                                        + " values (:run, :prompt, :variant, :count, :at) on conflict do nothing")
                        .setParameter("run", set.runId())
                        .setParameter("prompt", set.promptId())
                        .setParameter("variant", set.variant())
                        .setParameter("count", set.samples().size())
                        .setParameter("at", Instant.now())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The plan of a run with the number of teacher sets received, or {@code null} when the run is unknown. */
    public Uni<Map<String, Object>> plan(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select p.name, p.reference, p.variants, p.prompt_count, p.plan,"
                                        + " (select count(*) from teacher_sets t where t.run_id = p.run_id)"
                                        + " from run_plans p where p.run_id = :run",
                                Object[].class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = rows.get(0);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("runId", runId);
                    body.put("name", r[0]);
                    body.put("reference", r[1]);
                    body.put("variants", readList((String) r[2]));
                    body.put("prompts", ((Number) r[3]).intValue());
                    body.put("plan", r[4]);
                    body.put("teacherSetsReceived", ((Number) r[5]).longValue());
                    body.put("iclBackend", IclPlanner.ICL_BACKEND);
                    return body;
                });
    }

    private static List<?> readList(String json) {
        try {
            return EventJson.mapper().readValue(json, List.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored variant list is not valid JSON", e);
        }
    }
}
