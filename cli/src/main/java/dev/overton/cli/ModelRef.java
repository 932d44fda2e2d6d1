package dev.overton.cli;

import picocli.CommandLine;

/**
 * A model as given on the command line: {@code backend:model[@endpoint]}, e.g. {@code replay:llama-2-base}, {@code
 * openai:meta-llama/Llama-2-7b-hf@http://gpu-1:8000/v1}. The backend is everything before the first {@code :}, the
 * endpoint everything after the first {@code @} that follows it (model names have no {@code @}; URLs have colons).
 *
 * @param backend the generator backend ({@code replay}, {@code openai})
 * @param model the model's name
 * @param endpoint the server's base URL, or {@code null}
 */
public record ModelRef(String backend, String model, String endpoint) {

    /** The form, for messages. */
    public static final String FORM = "backend:model[@endpoint], e.g. replay:llama-2-base or"
            + " openai:meta-llama/Llama-2-7b-hf@http://localhost:8000/v1";

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException saying what is missing and showing the form
     */
    public static ModelRef parse(String text) {
        String t = text == null ? "" : text.strip();
        int colon = t.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + t + "' names no backend; use " + FORM);
        }
        String backend = t.substring(0, colon).strip();
        String rest = t.substring(colon + 1);
        int at = rest.indexOf('@');
        String model = (at < 0 ? rest : rest.substring(0, at)).strip();
        String endpoint = at < 0 ? null : rest.substring(at + 1).strip();
        if (model.isEmpty()) {
            throw new IllegalArgumentException("'" + t + "' names no model; use " + FORM);
        }
        if (endpoint != null && endpoint.isEmpty()) {
            throw new IllegalArgumentException("'" + t + "' has an empty endpoint after '@'; use " + FORM);
        }
        return new ModelRef(backend, model, endpoint);
    }

    /** Picocli's converter: a malformed value is a usage error (exit 2) naming the option. */
    public static final class Converter implements CommandLine.ITypeConverter<ModelRef> {
        @Override
        public ModelRef convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
