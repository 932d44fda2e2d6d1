package dev.overton.deploytests;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository on disk: where things are, and how to read them. */
final class Project {

    /** The three services, by module name (which is also their application name and image name). */
    static final List<String> SERVICES = List.of("generator-service", "scorer-service", "icl-service");

    static final Path ROOT = findRoot();

    private Project() {}

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker-compose.yml"))
                    && Files.isDirectory(p.resolve("deploy"))
                    && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (docker-compose.yml, deploy/, pom.xml) above " + dir);
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    private static final Pattern OVERTON_DEPENDENCY =
            Pattern.compile("<artifactId>overton-([A-Za-z0-9-]+)</artifactId>");

    /**
     * {@code module} and the repository's library modules it depends on, directly or through each other (a
     * dependency {@code overton-<x>} is the module in folder {@code <x>}; the parent pom is not a module). Their main
     * sources are what runs inside the service's process.
     */
    static List<String> moduleWithLibraries(String module) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(module));
        while (!todo.isEmpty()) {
            String m = todo.pop();
            Path pom = path(m + "/pom.xml");
            if (!seen.add(m) || !Files.isRegularFile(pom)) {
                continue;
            }
            Matcher d = OVERTON_DEPENDENCY.matcher(read(pom));
            while (d.find()) {
                String lib = d.group(1);
                if (Files.isDirectory(path(lib + "/src/main/java"))) {
                    todo.add(lib);
                }
            }
        }
        return List.copyOf(seen);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document of {@code file}, in order; empty documents are dropped. */
    static List<Object> yamlDocuments(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Object> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object doc : yaml.loadAll(reader)) {
                if (doc != null) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new AssertionError("cannot parse " + ROOT.relativize(file) + ": " + e.getMessage(), e);
        }
        return docs;
    }

    /** The single YAML mapping of {@code file}. */
    static Map<String, Object> yamlMap(Path file) {
        List<Object> docs = yamlDocuments(file);
        if (docs.size() != 1 || !(docs.get(0) instanceof Map)) {
            throw new AssertionError(
                    ROOT.relativize(file) + ": expected one YAML mapping, found " + docs.size() + " document(s)");
        }
        return map(docs.get(0));
    }

    /** Files under {@code dir} whose names end in one of {@code suffixes}, sorted. */
    static List<Path> files(Path dir, String... suffixes) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes)
                            .anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties properties(Path file) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static String relative(Path p) {
        return ROOT.relativize(p.toAbsolutePath().normalize()).toString();
    }

    // ---- navigating parsed YAML / JSON-like structures ----

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (o == null) {
            return new LinkedHashMap<>();
        }
        if (!(o instanceof Map)) {
            throw new AssertionError("expected a mapping, found " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List)) {
            throw new AssertionError("expected a list, found " + o);
        }
        return (List<Object>) o;
    }

    /** The value at a path of keys, or null. */
    static Object at(Object root, String... keys) {
        Object o = root;
        for (String k : keys) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(k);
        }
        return o;
    }

    static String str(Object o) {
        return o == null ? null : Objects.toString(o);
    }

    /** Compose-style interpolation with defaults only: {@code ${VAR:-default}} and {@code ${VAR-default}}. */
    static String composeDefaults(String s) {
        if (s == null) {
            return null;
        }
        return s.replaceAll("\\$\\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?}", "$1");
    }
}
