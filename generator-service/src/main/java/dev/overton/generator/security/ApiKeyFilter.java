package dev.overton.generator.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.StartupEvent;

import dev.overton.generator.config.GeneratorConfig;
import dev.overton.support.http.Problem;
import dev.overton.support.log.LogSafe;

/**
 * Write endpoints ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) need header {@code X-API-Key} holding one
 * of the keys in {@code overton.security.api-keys} (env {@code OVERTON_API_KEYS}); otherwise 401 with a problem body.
 * Keys are compared in constant time and never logged. The check is on unless {@code overton.security.enabled=false}
 * (the {@code local} profile that bin/overton uses). With no key configured every write is refused, but the service
 * still starts and reports ready.
 *
 * <p>Application-scoped (not a singleton) so that the filter RESTEasy builds at static init gets a proxy, and the
 * runtime configuration is read when the first request or the start-up event arrives.
 */
@ApplicationScoped
public class ApiKeyFilter {

    /** The request header that carries the key. */
    public static final String HEADER = "X-API-Key";

    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final boolean enabled;
    private final List<byte[]> keyDigests;

    public ApiKeyFilter(GeneratorConfig config) {
        this.enabled = config.security().enabled();
        this.keyDigests = config.security().apiKeys().orElse(List.of()).stream()
                .map(String::strip)
                .filter(k -> !k.isEmpty())
                .map(ApiKeyFilter::digest)
                .toList();
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.warn("API keys are OFF (overton.security.enabled=false, profile 'local'): anyone who can reach this"
                    + " port can submit runs");
        } else if (keyDigests.isEmpty()) {
            LOG.warn("no API key configured (set OVERTON_API_KEYS): every POST /runs is refused with 401");
        } else {
            LOG.infof("write endpoints require header %s (%d key(s) configured)", HEADER, keyDigests.size());
        }
    }

    @ServerRequestFilter
    public Optional<Response> requireApiKey(ContainerRequestContext request) {
        if (!enabled || !WRITES.contains(request.getMethod())) {
            return Optional.empty();
        }
        String where = request.getMethod() + " "
                + LogSafe.quote("/" + request.getUriInfo().getPath().replaceFirst("^/", ""));
        if (keyDigests.isEmpty()) {
            LOG.warnf("refused %s: no API key configured on the server", where);
            return Optional.of(unauthorized("This server has no API key configured, so it refuses every write; the"
                    + " operator must set OVERTON_API_KEYS (comma-separated keys) and restart it"));
        }
        String sent = request.getHeaderString(HEADER);
        if (sent == null || sent.isBlank()) {
            LOG.infof("refused %s: no %s header", where, HEADER);
            return Optional.of(unauthorized("Missing API key: send header " + HEADER + ": <key>"
                    + " (the CLI: --api-key or env OVERTON_API_KEY)"));
        }
        if (!matches(sent.strip())) {
            LOG.infof("refused %s: wrong %s", where, HEADER);
            return Optional.of(unauthorized("Wrong API key: send header " + HEADER
                    + " with one of the keys configured on the server (OVERTON_API_KEYS)"));
        }
        return Optional.empty();
    }

    /** Compares digests (equal length) in constant time, and checks every key so the time does not tell which. */
    private boolean matches(String sent) {
        byte[] candidate = digest(sent);
        boolean found = false;
        for (byte[] key : keyDigests) {
            found |= MessageDigest.isEqual(candidate, key);
        }
        return found;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Response unauthorized(String detail) {
        Problem problem = Problem.unauthorized(detail);
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .header("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"")
                .build();
    }
}
