package dev.overton.deploytests;

import static dev.overton.deploytests.Project.at;
import static dev.overton.deploytests.Project.list;
import static dev.overton.deploytests.Project.str;

import java.util.List;
import java.util.Map;

import dev.overton.deploytests.Kustomize.Located;

/**
 * Finds the Kubernetes objects under deploy/k8s for the Kubernetes tests ({@link KubernetesBaseTest}, {@link
 * KubernetesOverlaysTest}): an object of the base by kind and name, the objects of one kind anywhere (base, overlays,
 * components), a Deployment's container.
 */
final class KubernetesObjects {

    static final List<Object> BASE = Kustomize.renderedInputs(Kustomize.BASE);
    static final List<Located> ALL = Kustomize.allObjects();

    private KubernetesObjects() {}

    static Map<String, Object> baseObject(String kind, String name) {
        return BASE.stream()
                .map(Project::map)
                .filter(d -> kind.equals(str(d.get("kind"))) && name.equals(str(at(d, "metadata", "name"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("deploy/k8s/base has no " + kind + "/" + name));
    }

    static List<Located> objects(String kind) {
        return ALL.stream().filter(o -> kind.equals(o.kind())).toList();
    }

    static Map<String, Object> container(Map<String, Object> deployment, String name) {
        return list(at(deployment, "spec", "template", "spec", "containers")).stream()
                .map(Project::map)
                .filter(c -> name.equals(str(c.get("name"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Deployment " + name + " has no container " + name));
    }
}
