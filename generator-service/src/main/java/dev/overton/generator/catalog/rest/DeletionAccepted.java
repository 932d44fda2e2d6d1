package dev.overton.generator.catalog.rest;

/**
 * The answer to {@code DELETE /runs/{id}}.
 *
 * @param id the run
 * @param status always {@code deleting}: {@code GET /runs/{id}} says so until every service confirmed, then 404
 */
public record DeletionAccepted(String id, String status) {}
