package dev.overton.deploytests;

import static dev.overton.deploytests.Project.at;
import static dev.overton.deploytests.Project.list;
import static dev.overton.deploytests.Project.map;
import static dev.overton.deploytests.Project.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The Kustomize tree is complete: every file it names exists, and overlays combine sensibly. */
class KustomizeTest {

    private static final Path OVERLAYS = Kustomize.K8S.resolve("overlays");
    private static final Path KEDA =
            Kustomize.K8S.resolve("components/keda-scorer").normalize();
    private static final Path HPA =
            Kustomize.K8S.resolve("components/hpa-scorer").normalize();

    @Test
    void baseAndOverlaysExist() {
        assertThat(Kustomize.BASE.resolve("kustomization.yaml")).isRegularFile();
        assertThat(OVERLAYS.resolve("dev/kustomization.yaml")).isRegularFile();
        assertThat(OVERLAYS.resolve("prod/kustomization.yaml")).isRegularFile();
    }

    @Test
    void everyReferencedFileExists() {
        List<Path> dirs = Kustomize.kustomizationDirs();
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(5);
        for (Path dir : dirs) {
            Map<String, Object> k = Kustomize.kustomization(dir);
            String where = Project.relative(dir);
            boolean component = "Component".equals(str(k.get("kind")));
            assertThat(str(k.get("apiVersion")))
                    .as("%s: apiVersion", where)
                    .isEqualTo(component ? "kustomize.config.k8s.io/v1alpha1" : "kustomize.config.k8s.io/v1beta1");
            for (String r : Kustomize.strings(k, "resources")) {
                Path p = dir.resolve(r).normalize();
                assertThat(p).as("%s: resource %s", where, r).exists();
                if (Files.isDirectory(p)) {
                    assertThat(p.resolve("kustomization.yaml"))
                            .as("%s: resource folder %s", where, r)
                            .isRegularFile();
                    assertThat(str(Kustomize.kustomization(p).get("kind")))
                            .as("%s: resource folder %s is a Kustomization", where, r)
                            .isNotEqualTo("Component");
                }
            }
            for (String c : Kustomize.strings(k, "components")) {
                Path p = dir.resolve(c).normalize();
                assertThat(p.resolve("kustomization.yaml"))
                        .as("%s: component %s", where, c)
                        .isRegularFile();
                assertThat(str(Kustomize.kustomization(p).get("kind")))
                        .as("%s: component %s has kind Component", where, c)
                        .isEqualTo("Component");
            }
            for (String f : Kustomize.patchFiles(k)) {
                assertThat(dir.resolve(f)).as("%s: patch %s", where, f).isRegularFile();
                assertThat(dir.resolve(f).normalize().startsWith(dir))
                        .as("%s: patch %s lies inside the kustomization (Kustomize's load restrictor)", where, f)
                        .isTrue();
            }
            for (String f : Kustomize.generatorFiles(k)) {
                assertThat(dir.resolve(f)).as("%s: generator file %s", where, f).isRegularFile();
            }
        }
    }

    @Test
    void untargetedPatchesPatchSomethingThatExists() {
        for (Path dir : Kustomize.kustomizationDirs()) {
            Map<String, Object> k = Kustomize.kustomization(dir);
            Set<String> present = new HashSet<>();
            for (Object d : Kustomize.renderedInputs(dir)) {
                present.add(str(at(d, "kind")) + "/" + str(at(d, "metadata", "name")));
            }
            for (Object p : list(k.get("patches"))) {
                if (map(p).get("target") != null || map(p).get("path") == null) {
                    continue;
                }
                Path file = dir.resolve(str(map(p).get("path")));
                for (Object doc : Project.yamlDocuments(file)) {
                    String id = str(at(doc, "kind")) + "/" + str(at(doc, "metadata", "name"));
                    assertThat(present)
                            .as("%s patches %s, which the kustomization contains", Project.relative(file), id)
                            .contains(id);
                }
            }
        }
    }

    @Test
    void overlaysBuildOnTheBaseAndNeverCombineKedaWithTheHpa() {
        try (var stream = Files.list(OVERLAYS)) {
            List<Path> overlays = stream.filter(Files::isDirectory).sorted().toList();
            assertThat(overlays).isNotEmpty();
            for (Path overlay : overlays) {
                Set<Path> closure = Kustomize.closure(overlay);
                String where = Project.relative(overlay);
                assertThat(closure).as("%s includes the base", where).contains(Kustomize.BASE.normalize());
                boolean keda = closure.contains(KEDA);
                boolean hpa = closure.contains(HPA);
                if (keda && hpa) {
                    // Only allowed when the overlay deletes the ScaledObject it inherits.
                    boolean deletes = Kustomize.patchFiles(Kustomize.kustomization(overlay)).stream()
                            .flatMap(f -> Project.yamlDocuments(overlay.resolve(f)).stream())
                            .anyMatch(d ->
                                    "ScaledObject".equals(str(at(d, "kind"))) && "delete".equals(str(at(d, "$patch"))));
                    assertThat(deletes)
                            .as("%s scales the scorer with both KEDA and an HPA; delete the ScaledObject", where)
                            .isTrue();
                }
                assertThat(Kustomize.kustomization(overlay).get("namespace"))
                        .as("%s sets a namespace (components added here get it too)", where)
                        .isNotNull();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void prodScalesOnLagAndIsMonitored() {
        Set<Path> prod = Kustomize.closure(OVERLAYS.resolve("prod"));
        assertThat(prod)
                .contains(KEDA, Kustomize.K8S.resolve("components/monitoring").normalize());
        assertThat(prod).doesNotContain(HPA);
        assertThat(Kustomize.closure(OVERLAYS.resolve("prod-hpa"))).contains(HPA);
    }
}
