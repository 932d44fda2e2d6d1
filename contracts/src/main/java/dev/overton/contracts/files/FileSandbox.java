package dev.overton.contracts.files;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The folder policy for files a user names (datasets, replay sources, released judge verdicts), enforced where the file
 * is opened rather than only when the run is submitted: a file may be swapped, or a link re-pointed, between the two,
 * and a Kafka record may name any path.
 *
 * <p>{@link #open} resolves the path against the base folder, resolves every symbolic link ({@code toRealPath}),
 * requires the real path to lie in an allowed folder and to be a regular file no bigger than the cap, opens that real
 * path with {@code NOFOLLOW_LINKS}, and then checks that the real path still names the same file (same file key, no
 * link on the way): a link re-pointed between the check and the open is refused, not followed. The stream it returns
 * fails once more than the cap has been read, so a file that grows after the check is still bounded.
 *
 * <p>Messages name the path and the fix, never the file's content. Plain Java (file access blocks: call from a worker
 * thread).
 */
public final class FileSandbox {

    /** The default cap on one file's size: 64 MiB, some fifty times the largest released output file. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private static final String CONFIG_HINT =
            "have the operator add its folder to overton.files.allowed-dirs (OVERTON_ALLOWED_DIRS)";

    private final Path baseDir;
    private final List<Path> allowedDirs;
    private final long maxBytes;
    private final String reader;

    /**
     * @param baseDir folder relative paths are resolved against
     * @param allowedDirs folders files must lie in after symbolic links are resolved (relative ones are resolved
     *     against {@code baseDir}); empty: {@code baseDir} only
     * @param maxBytes the largest file that may be read
     * @param reader who reads, for messages ("this server", "this scorer")
     */
    public FileSandbox(Path baseDir, List<Path> allowedDirs, long maxBytes, String reader) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, was " + maxBytes);
        }
        this.baseDir = baseDir.toAbsolutePath().normalize();
        List<Path> dirs = allowedDirs.isEmpty() ? List.of(this.baseDir) : allowedDirs;
        this.allowedDirs = dirs.stream().map(this::canonical).distinct().toList();
        this.maxBytes = maxBytes;
        this.reader = Objects.requireNonNull(reader);
    }

    /** A sandbox of {@code baseDir} only, with the default cap. */
    public static FileSandbox of(Path baseDir) {
        return new FileSandbox(baseDir, List.of(), DEFAULT_MAX_BYTES, "this server");
    }

    /**
     * A sandbox from configuration values: blank folder entries are ignored, the rest resolved against {@code baseDir}.
     */
    public static FileSandbox fromConfig(String baseDir, List<String> allowedDirs, long maxBytes, String reader) {
        Path base = Path.of(baseDir == null || baseDir.isBlank() ? "." : baseDir.strip());
        List<Path> dirs = allowedDirs.stream()
                .filter(d -> d != null && !d.isBlank())
                .map(d -> Path.of(d.strip()))
                .toList();
        return new FileSandbox(base, dirs, maxBytes, reader);
    }

    /** The folder relative paths are resolved against, absolute. */
    public Path baseDir() {
        return baseDir;
    }

    /** The allowed folders, absolute and with symbolic links resolved. */
    public List<Path> allowedDirs() {
        return allowedDirs;
    }

    /** The largest file that may be read, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** {@code path} made absolute against the base folder and normalised; symbolic links are not resolved. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        return (p.isAbsolute() ? p : baseDir.resolve(p)).toAbsolutePath().normalize();
    }

    /**
     * Checks that {@code path} may be read, without reading it.
     *
     * @return the file's real path
     * @throws FileRefusedException saying why not
     */
    public Path check(String path) {
        try (Opened opened = open(path)) {
            return opened.realPath();
        }
    }

    /**
     * Opens {@code path} for reading after the checks above; close the result.
     *
     * @throws FileRefusedException saying why the file may not be read
     */
    public Opened open(String path) {
        Path file = resolve(path);
        Path real = realPath(file);
        BasicFileAttributes before = regularFile(file, real);
        SeekableByteChannel channel;
        try {
            channel = Files.newByteChannel(real, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | SecurityException e) {
            // NOFOLLOW_LINKS refuses a link put in the file's place since the check (ELOOP).
            throw new FileRefusedException(
                    FileRefusedException.Reason.UNREADABLE,
                    "cannot open " + file + " (" + e.getClass().getSimpleName() + "); is it readable?");
        }
        try {
            BasicFileAttributes after =
                    Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!Objects.equals(before.fileKey(), after.fileKey())
                    || !real.equals(real.toRealPath())
                    || channel.size() > maxBytes) {
                throw new FileRefusedException(
                        FileRefusedException.Reason.UNREADABLE,
                        file + " changed while it was being opened (a file or link was replaced); try again once it"
                                + " is stable");
            }
            return new Opened(file, real, after, new Capped(Channels.newInputStream(channel), maxBytes, file));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof FileRefusedException refused) {
                throw refused;
            }
            throw new FileRefusedException(
                    FileRefusedException.Reason.UNREADABLE,
                    file + " changed while it was being opened (" + e.getClass().getSimpleName() + "); try again");
        }
    }

    /**
     * Reads {@code path} as UTF-8 text lines (line ends {@code \n}, {@code \r\n} or {@code \r}).
     *
     * @throws FileRefusedException when the file may not be read, is not UTF-8, or cannot be read to its end
     */
    public List<String> readLines(String path) {
        try (Opened opened = open(path)) {
            return opened.lines();
        }
    }

    /**
     * Reads {@code path} whole as UTF-8 text, line ends kept.
     *
     * @throws FileRefusedException when the file may not be read, is not UTF-8, or cannot be read to its end
     */
    public String readString(String path) {
        try (Opened opened = open(path)) {
            byte[] bytes = readAll(opened);
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new FileRefusedException(
                        FileRefusedException.Reason.UNREADABLE, opened.path() + " is not UTF-8 text; save it as UTF-8");
            }
        }
    }

    private static byte[] readAll(Opened opened) {
        try {
            return opened.stream().readAllBytes();
        } catch (IOException e) {
            if (e.getCause() instanceof FileRefusedException refused) {
                throw refused;
            }
            throw new FileRefusedException(
                    FileRefusedException.Reason.UNREADABLE,
                    "cannot read " + opened.path() + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Path realPath(Path file) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            // A dangling link is missing too; but say "outside" when the name itself is outside.
            if (!inside(canonical(file))) {
                throw outside(file);
            }
            throw new FileRefusedException(FileRefusedException.Reason.MISSING, "no such file " + file);
        } catch (IOException | SecurityException e) {
            throw new FileRefusedException(
                    FileRefusedException.Reason.UNREADABLE,
                    "cannot resolve " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (!inside(real)) {
            throw outside(file);
        }
        return real;
    }

    private BasicFileAttributes regularFile(Path file, Path real) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | SecurityException e) {
            throw new FileRefusedException(FileRefusedException.Reason.MISSING, "no such file " + file);
        }
        if (!attributes.isRegularFile()) {
            throw new FileRefusedException(
                    FileRefusedException.Reason.NOT_A_FILE, file + " is not a regular file; name a file, not a folder");
        }
        if (attributes.size() > maxBytes) {
            throw tooBig(file, attributes.size());
        }
        return attributes;
    }

    private boolean inside(Path real) {
        for (Path dir : allowedDirs) {
            if (real.startsWith(dir)) {
                return true;
            }
        }
        return false;
    }

    private FileRefusedException outside(Path file) {
        return new FileRefusedException(
                FileRefusedException.Reason.OUTSIDE,
                file + " is outside the folders " + reader + " may read " + allowedDirs
                        + "; put the file in one of them, or " + CONFIG_HINT);
    }

    private FileRefusedException tooBig(Path file, long size) {
        return new FileRefusedException(
                FileRefusedException.Reason.TOO_BIG,
                file + " is " + size + " bytes, more than the " + maxBytes + " bytes " + reader
                        + " reads from one file; split it, or have the operator raise overton.files.max-file-size");
    }

    /** {@code path} made absolute and normalised, with symbolic links resolved as far as they exist. */
    private Path canonical(Path path) {
        Path absolute = (path.isAbsolute() ? path : baseDir.resolve(path))
                .toAbsolutePath()
                .normalize();
        try {
            return Files.exists(absolute) ? absolute.toRealPath() : absolute;
        } catch (IOException | SecurityException e) {
            return absolute;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // nothing was read; the refusal is what matters
        }
    }

    /**
     * A file opened by the sandbox.
     *
     * @param path the path as named, absolute
     * @param realPath the opened file's real path (inside an allowed folder)
     * @param attributes its attributes when opened (file key, size, modification time)
     * @param stream its bytes, failing past the cap
     */
    public record Opened(Path path, Path realPath, BasicFileAttributes attributes, InputStream stream)
            implements AutoCloseable {

        /** When the file was last modified, as opened. */
        public FileTime modified() {
            return attributes.lastModifiedTime();
        }

        /** What identifies the opened file: its real path, file key, size and modification time. */
        public String identity() {
            return realPath + "|" + attributes.fileKey() + "|" + attributes.size() + "|" + modified();
        }

        /**
         * The rest of the file as UTF-8 text lines.
         *
         * @throws FileRefusedException when it is not UTF-8 or cannot be read to its end
         */
        public List<String> lines() {
            var decoder = StandardCharsets.UTF_8.newDecoder();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, decoder))) {
                List<String> lines = new ArrayList<>();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
                return lines;
            } catch (CharacterCodingException e) {
                throw new FileRefusedException(
                        FileRefusedException.Reason.UNREADABLE, path + " is not UTF-8 text; save it as UTF-8");
            } catch (FileRefusedException e) {
                throw e;
            } catch (IOException e) {
                if (e.getCause() instanceof FileRefusedException refused) {
                    throw refused;
                }
                throw new FileRefusedException(
                        FileRefusedException.Reason.UNREADABLE,
                        "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
            }
        }

        @Override
        public void close() {
            closeQuietly(stream);
        }
    }

    /** The opened file's bytes; past the cap it fails (the file grew after the check). */
    private static final class Capped extends FilterInputStream {

        private final long max;
        private final Path file;
        private long read;

        Capped(InputStream in, long max, Path file) {
            super(in);
            this.max = max;
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > max) {
                throw new IOException(new FileRefusedException(
                        FileRefusedException.Reason.TOO_BIG,
                        file + " grew past " + max + " bytes while it was read; the cap is"
                                + " overton.files.max-file-size"));
            }
        }
    }
}
