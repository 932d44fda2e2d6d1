package dev.overton.support.http;

import java.util.OptionalLong;

import org.jboss.logging.Logger;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.overton.contracts.json.EventJson;
import dev.overton.support.log.LogSafe;

/**
 * Gives the answers that the HTTP layer makes before any resource runs a problem body: a body over the size limit
 * (413, which Quarkus otherwise ends with an empty body), and any failure that reaches the router with a status but no
 * response (so no bare status line, no HTML error page, no stack trace). The REST layer's own errors (404, 405, 415,
 * ...) are mapped by each service's exception mappers into the same {@link Problem} shape.
 */
public final class ProblemRoutes {

    private static final Logger LOG = Logger.getLogger(ProblemRoutes.class);

    /** Runs just before Quarkus's own upload-limit check ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT} = -2). */
    static final int ORDER_BEFORE_UPLOAD_LIMIT = -3;

    private ProblemRoutes() {}

    /**
     * Installs the 413 check for bodies announced over {@code maxBodySize} bytes and the failure handler on {@code
     * router}.
     */
    public static void install(Router router, OptionalLong maxBodySize) {
        maxBodySize.ifPresent(
                limit -> router.route().order(ORDER_BEFORE_UPLOAD_LIMIT).handler(bodyLimit(limit)));
        router.route().failureHandler(ProblemRoutes::failure);
    }

    static Handler<RoutingContext> bodyLimit(long limit) {
        return ctx -> {
            String announced = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length = parse(announced);
            if (length > limit) {
                // Like Quarkus's own check: answer at once and close, so the client stops uploading.
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                send(
                        ctx.response(),
                        Problem.forStatus(
                                413,
                                "The body is " + length + " bytes; this server accepts at most " + limit
                                        + " bytes (quarkus.http.limits.max-body-size)"));
                return;
            }
            ctx.next();
        };
    }

    static void failure(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        String detail;
        if (status >= 500) {
            LOG.errorf(
                    ctx.failure(),
                    "%s %s failed",
                    ctx.request().method(),
                    LogSafe.quote(ctx.request().path()));
            detail = "The server failed to answer this request; the error is in its log";
        } else if (status == 413) {
            detail = "The body is over the size limit of this server (quarkus.http.limits.max-body-size)";
        } else {
            detail = "HTTP " + status + " for " + ctx.request().method() + " on this path";
        }
        send(response, Problem.forStatus(status, detail));
    }

    /** Writes {@code problem} as the whole answer. */
    public static void send(HttpServerResponse response, Problem problem) {
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(EventJson.write(problem));
    }

    private static long parse(String contentLength) {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
