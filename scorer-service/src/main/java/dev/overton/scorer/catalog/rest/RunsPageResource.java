package dev.overton.scorer.catalog.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import io.smallrye.mutiny.Uni;

import dev.overton.scorer.catalog.CatalogTemplates;
import dev.overton.scorer.catalog.RunsPage;
import dev.overton.scorer.catalog.persistence.CatalogStore;
import dev.overton.scorer.report.rest.ReportResource;

/** The runs page, what a browser opens first: {@code GET /}. */
@Path("/")
public class RunsPageResource {

    /** Runs shown on the page, newest first. */
    static final int SHOWN = 500;

    private final CatalogStore store;

    public RunsPageResource(CatalogStore store) {
        this.store = store;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The runs page: runs newest first, links to reports, tick two runs to compare")
    @APIResponseSchema(value = String.class, responseDescription = "The runs page")
    public Uni<Response> page() {
        return store.newest(SHOWN)
                .map(runs -> ReportResource.page(
                        200, CatalogTemplates.runs(RunsPage.view(runs)).render(), RunsPage.CONTENT_SECURITY_POLICY));
    }
}
