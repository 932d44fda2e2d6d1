package dev.overton.icl.rest;

import java.util.function.Function;
import jakarta.ws.rs.NotFoundException;

import io.smallrye.mutiny.Uni;

/**
 * The answer of a resource whose store knows nothing of the run asked for: a 404 ({@link ProblemMappers} writes the
 * problem body) saying that icl-service has not seen it. One place for the wording the run resources share.
 */
public final class UnknownRun {

    private UnknownRun() {}

    /** The failure for {@code runId}, which icl-service has not seen. */
    public static NotFoundException notFound(String runId) {
        return new NotFoundException("icl-service has not seen run '" + runId + "'");
    }

    /** For {@code plug}: fails a store's {@code null} answer (the run is unknown) with {@link #notFound}. */
    public static <T> Function<Uni<T>, Uni<T>> ifNull(String runId) {
        return answer -> answer.onItem().ifNull().failWith(() -> notFound(runId));
    }
}
