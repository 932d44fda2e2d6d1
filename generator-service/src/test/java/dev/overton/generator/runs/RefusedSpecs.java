package dev.overton.generator.runs;

import java.nio.file.Path;
import java.util.List;

import dev.overton.contracts.spec.FieldError;

/**
 * The field errors of a run spec the {@link RunSpecValidator} refuses, for tests that check what each error names; a
 * spec it accepts fails the test.
 */
final class RefusedSpecs {

    private RefusedSpecs() {}

    /** The errors of {@code spec} as a validator over {@code dir} (the allowed folder) words them. */
    static List<FieldError> errorsOf(Path dir, String spec) {
        try {
            new RunSpecValidator(dir).validate(spec);
        } catch (InvalidRunSpecException e) {
            return e.errors();
        }
        throw new AssertionError("spec was accepted: " + spec);
    }

    /** The errors of the raw request {@code body} as a validator over {@code dir} words them. */
    static List<FieldError> errorsOf(Path dir, byte[] body) {
        try {
            new RunSpecValidator(dir).validate(body);
        } catch (InvalidRunSpecException e) {
            return e.errors();
        }
        throw new AssertionError("body was accepted");
    }
}
