package dev.overton.generator.runs.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.overton.generator.runs.InvalidRunSpecException;

/**
 * Turns errors into RFC 9457 problem bodies ({@code application/problem+json}): a bad spec gets 400 with one entry per
 * bad field, an unknown run 404. Users never see a stack trace.
 */
public class ProblemMappers {

    /** Media type of problem bodies. */
    public static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response invalidSpec(InvalidRunSpecException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://overton.dev/problems/invalid-run-spec");
        body.put("title", "Invalid run spec");
        body.put("status", 400);
        body.put("detail", e.errors().size() + " problem(s); see errors (field, message)");
        body.put("errors", e.errors());
        return Response.status(400).type(PROBLEM_JSON).entity(body).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Not found");
        body.put("status", 404);
        body.put("detail", e.getMessage());
        return Response.status(404).type(PROBLEM_JSON).entity(body).build();
    }
}
