package dev.overton.generator.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.overton.contracts.files.FileSandbox;

/**
 * The one {@link FileSandbox} of this generator, from {@code overton.files.*}: the submission check and every backend
 * that opens a user-named file use the same folders and cap.
 */
public class FileSandboxProducer {

    /** The folder policy ({@code @Singleton}: the sandbox is a final plain-Java class and needs no proxy). */
    @Produces
    @Singleton
    FileSandbox fileSandbox(GeneratorConfig config) {
        return sandbox(config.files());
    }

    /** The sandbox for {@code files}. */
    public static FileSandbox sandbox(GeneratorConfig.Files files) {
        return FileSandbox.fromConfig(
                files.baseDir(),
                files.allowedDirs().orElse(java.util.List.of()),
                files.maxFileSize().asLongValue(),
                "this server");
    }
}
