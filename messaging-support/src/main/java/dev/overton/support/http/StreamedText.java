package dev.overton.support.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.RestMulti;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

import dev.overton.contracts.json.EventJson;

/**
 * A text answer written to the client as it is produced (chunked transfer), so that a body of any length is never
 * held whole in memory: a status, headers and a stream of lines, each line carrying its own terminator. Lines are sent
 * in chunks of {@value #LINES_PER_CHUNK}, one network write each; a chunk is produced only when the client has taken
 * the previous one, so a slow reader slows the database cursor down instead of filling the heap.
 *
 * <p>Resources return {@link #respond(Uni)}: a failure of the {@link Uni} (e.g. a {@code NotFoundException}) before the
 * first chunk becomes the usual problem answer through the exception mappers. The resource method declares no
 * {@code @Produces}: Quarkus REST then writes the chunks untouched, and the {@code Content-Type} comes from here.
 * One class for every service's streamed answers (the generator's samples, the scorer's values and exports).
 *
 * @param status the HTTP status
 * @param headers the response headers, {@code Content-Type} included
 * @param lines the body's lines, each ending in its terminator
 */
public record StreamedText(int status, Map<String, List<String>> headers, Multi<String> lines) {

    /** Lines per written chunk: about 64 KiB of typical value rows. */
    static final int LINES_PER_CHUNK = 256;

    /** A 200 answer of {@code mediaType} whose body is {@code lines}. */
    public static StreamedText ok(String mediaType, Multi<String> lines) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(mediaType));
        return new StreamedText(200, headers, lines);
    }

    /** An RFC 9457 problem answer with {@code problem} as its JSON body. */
    public static StreamedText problem(Problem problem) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(Problem.MEDIA_TYPE));
        return new StreamedText(problem.status(), headers, Multi.createFrom().item(EventJson.write(problem)));
    }

    /** This answer with one more header. */
    public StreamedText withHeader(String name, String value) {
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        more.put(name, List.of(value));
        return new StreamedText(status, more, lines);
    }

    /** The HTTP answer for a resource method: status and headers once {@code answer} resolves, then the body. */
    public static RestMulti<Buffer> respond(Uni<StreamedText> answer) {
        return RestMulti.fromUniResponse(answer, StreamedText::chunks, StreamedText::headers, StreamedText::status);
    }

    /** The lines as network chunks. */
    Multi<Buffer> chunks() {
        return lines.group().intoLists().of(LINES_PER_CHUNK).map(StreamedText::chunk);
    }

    private static Buffer chunk(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line);
        }
        return Buffer.buffer(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
