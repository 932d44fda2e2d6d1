package dev.overton.semantic.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the bytes of a model file come from: a resource on the class path (a model shipped inside a Maven artifact,
 * such as LangChain4j's bundled MiniLM) or a file on disk (any exported encoder). Kept as a small sealed type so that
 * an {@link EncoderSpec} says exactly where its model was loaded from, which ends up in every settings string.
 */
public sealed interface ModelSource {

    /** Opens the bytes; the caller closes the stream. */
    InputStream open();

    /** Where the bytes come from, for messages and settings strings. */
    String describe();

    /** A resource of the class path, looked up with this class's loader. */
    record ClasspathResource(String name) implements ModelSource {
        public ClasspathResource {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public InputStream open() {
            InputStream in = ModelSource.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException("Model resource '" + name
                        + "' is not on the class path: add the Maven artifact that ships it, or give a file path");
            }
            return in;
        }

        @Override
        public String describe() {
            return "classpath:" + name;
        }
    }

    /** A file on disk. */
    record FilePath(Path path) implements ModelSource {
        public FilePath {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public InputStream open() {
            try {
                return Files.newInputStream(path);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot read model file " + path.toAbsolutePath() + ": check the path given for the encoder",
                        e);
            }
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }
}
