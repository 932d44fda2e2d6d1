package dev.overton.generator.runs;

import java.util.List;

import dev.overton.contracts.spec.FieldError;

/** A run spec that cannot be accepted; carries every problem found, not just the first. */
public class InvalidRunSpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<FieldError> errors;

    public InvalidRunSpecException(List<FieldError> errors) {
        super("invalid run spec: " + errors);
        this.errors = List.copyOf(errors);
    }

    /** The problems, in the order they were found. */
    public List<FieldError> errors() {
        return errors;
    }
}
