package dev.overton.icl.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns errors of every icl-service resource into RFC 9457 problem bodies; users never see a stack trace. One global
 * mapper rather than one per resource, so that every endpoint answers an unknown run the same way.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Not found");
        body.put("status", 404);
        body.put("detail", e.getMessage());
        return Response.status(404)
                .type("application/problem+json")
                .entity(body)
                .build();
    }
}
