package dev.overton.deploytests;

import static dev.overton.deploytests.Project.list;
import static dev.overton.deploytests.Project.map;
import static dev.overton.deploytests.Project.str;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the Kustomize tree under deploy/k8s without running Kustomize: kustomizations and the files they name. */
final class Kustomize {

    static final Path K8S = Project.path("deploy/k8s");
    static final Path BASE = K8S.resolve("base");

    private Kustomize() {}

    /** Every folder under deploy/k8s that holds a kustomization.yaml. */
    static List<Path> kustomizationDirs() {
        return Project.files(K8S, "kustomization.yaml", "kustomization.yml").stream()
                .map(Path::getParent)
                .toList();
    }

    static Map<String, Object> kustomization(Path dir) {
        Path file = Files.isRegularFile(dir.resolve("kustomization.yaml"))
                ? dir.resolve("kustomization.yaml")
                : dir.resolve("kustomization.yml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(Project.relative(dir) + " has no kustomization.yaml");
        }
        return Project.yamlMap(file);
    }

    static List<String> strings(Map<String, Object> k, String key) {
        return list(k.get(key)).stream().map(Project::str).toList();
    }

    /** Files named in {@code patches[].path} and {@code patchesStrategicMerge}. */
    static List<String> patchFiles(Map<String, Object> k) {
        List<String> files = new ArrayList<>();
        for (Object p : list(k.get("patches"))) {
            String path = str(map(p).get("path"));
            if (path != null) {
                files.add(path);
            }
        }
        files.addAll(strings(k, "patchesStrategicMerge"));
        return files;
    }

    /** Files named by config map and secret generators. */
    static List<String> generatorFiles(Map<String, Object> k) {
        List<String> files = new ArrayList<>();
        for (String gen : List.of("configMapGenerator", "secretGenerator")) {
            for (Object g : list(k.get(gen))) {
                for (String key : List.of("files", "envs")) {
                    for (Object f : list(map(g).get(key))) {
                        String s = str(f);
                        files.add(s.contains("=") ? s.substring(s.indexOf('=') + 1) : s);
                    }
                }
                String env = str(map(g).get("env"));
                if (env != null) {
                    files.add(env);
                }
            }
        }
        return files;
    }

    /** The resource files (not folders) a kustomization lists directly. */
    static List<Path> resourceFiles(Path dir) {
        return strings(kustomization(dir), "resources").stream()
                .map(dir::resolve)
                .map(Path::normalize)
                .filter(Files::isRegularFile)
                .toList();
    }

    /** All documents of the resource files of {@code dir} and, recursively, of the kustomizations it includes. */
    static List<Object> renderedInputs(Path dir) {
        List<Object> docs = new ArrayList<>();
        for (Path folder : closure(dir)) {
            for (String r : strings(kustomization(folder), "resources")) {
                Path p = folder.resolve(r).normalize();
                if (!Files.isDirectory(p)) {
                    docs.addAll(Project.yamlDocuments(p));
                }
            }
        }
        return docs;
    }

    /** Every kustomization folder {@code dir} pulls in (resources that are folders, components), recursively, itself included. */
    static Set<Path> closure(Path dir) {
        Set<Path> seen = new LinkedHashSet<>();
        closure(dir.normalize(), seen);
        return seen;
    }

    private static void closure(Path dir, Set<Path> seen) {
        if (!seen.add(dir)) {
            return;
        }
        Map<String, Object> k = kustomization(dir);
        for (String r : strings(k, "resources")) {
            Path p = dir.resolve(r).normalize();
            if (Files.isDirectory(p)) {
                closure(p, seen);
            }
        }
        for (String c : strings(k, "components")) {
            closure(dir.resolve(c).normalize(), seen);
        }
    }

    /** Documents of every YAML file under deploy/k8s that is a Kubernetes object (has apiVersion and kind). */
    static List<Located> allObjects() {
        List<Located> all = new ArrayList<>();
        for (Path file : Project.files(K8S, ".yaml", ".yml")) {
            for (Object doc : Project.yamlDocuments(file)) {
                if (doc instanceof Map<?, ?> m && m.containsKey("apiVersion") && m.containsKey("kind")) {
                    all.add(new Located(file, map(doc)));
                }
            }
        }
        return all;
    }

    record Located(Path file, Map<String, Object> doc) {
        String kind() {
            return str(doc.get("kind"));
        }

        String name() {
            return str(Project.at(doc, "metadata", "name"));
        }

        String where() {
            return Project.relative(file) + " " + kind() + "/" + name();
        }
    }
}
