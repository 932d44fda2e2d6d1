package dev.overton.contracts.spec;

/**
 * One problem with a submitted run spec.
 *
 * @param field the JSON path of the bad field, e.g. {@code variants[1].samples}
 * @param message what is wrong and how to fix it
 */
public record FieldError(String field, String message) {}
