package dev.overton.deploytests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service's {@code src/main/resources/application.properties}, sources, pom and JVM Dockerfile say that
 * deployments must match: its HTTP port, the environment variables it reads, its JVM options, and its Kafka consumer
 * groups and topics.
 *
 * @param name the service (module) name
 * @param httpPort {@code quarkus.http.port}
 * @param envVars variables referenced as {@code ${VAR}} or {@code ${VAR:default}} (non-empty default) outside
 *     test/dev profiles: a deployment must set them, since the defaults suit only {@code bin/overton} on the host
 * @param optionalEnvVars variables a deployment may leave unset: those with an empty default ({@code ${VAR:}}, a
 *     switch that is off unless set, such as a topic prefix) and those named by {@code ...api-key-env} settings
 * @param codeEnvVars variables the code running in the service reads itself ({@code System.getenv}, in the service's
 *     or its library modules' main sources), such as the Hugging Face variables of the jlama engine; optional, since
 *     the code has its own defaults
 * @param imageEnv the {@code ENV} settings of the JVM Dockerfile ({@code src/main/docker/Dockerfile.jvm}), which its
 *     start script reads; a deployment may override them (e.g. {@code JAVA_OPTS_APPEND})
 * @param jvmArgs JVM options every JVM running the service needs: the values of the pom's {@code <...jvm.args>}
 *     properties (e.g. {@code jlama.jvm.args}: the Vector API of the embedded jlama backend)
 * @param incoming per incoming channel: its topic and consumer group (without {@code ${...}} prefixes and suffixes)
 * @param topics every topic the service consumes, produces or dead-letters to (without the topic prefix)
 */
record ServiceConfig(
        String name,
        int httpPort,
        Set<String> envVars,
        Set<String> optionalEnvVars,
        Set<String> codeEnvVars,
        Map<String, String> imageEnv,
        List<String> jvmArgs,
        Map<String, Channel> incoming,
        Set<String> topics) {

    record Channel(String topic, String groupId) {}

    /** The start script's variable for extra JVM options (ubi9/openjdk run-java.sh). */
    static final String JAVA_OPTS_APPEND = "JAVA_OPTS_APPEND";

    /** Keys only {@code @QuarkusTest} reads (e.g. the test port, OVERTON_TEST_PORT): nothing a deployment sets. */
    private static final Set<String> TEST_ONLY_KEYS = Set.of("quarkus.http.test-port", "quarkus.http.test-ssl-port");

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.(topic|group\\.id)");
    private static final Pattern TOPIC =
            Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|dead-letter-queue\\.topic)");
    /** An environment variable read by name in a source file that calls {@code getenv}. */
    private static final Pattern CODE_ENV_READ =
            Pattern.compile("\\b(?:getenv|get|getOrDefault)\\s*\\(\\s*\"([A-Z][A-Z0-9_]*)\"");

    private static final Pattern DOCKER_ENV = Pattern.compile("(?m)^\\s*ENV\\s+([A-Za-z_][A-Za-z0-9_]*)=\"([^\"]*)\"");
    private static final Pattern POM_JVM_ARGS = Pattern.compile("<([A-Za-z0-9.-]*jvm\\.args)>([^<]*)</\\1>");

    static ServiceConfig of(String service) {
        Path file = Project.path(service + "/src/main/resources/application.properties");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("missing " + Project.relative(file));
        }
        Properties props = Project.properties(file);
        String port = props.getProperty("quarkus.http.port");
        if (port == null) {
            throw new AssertionError(Project.relative(file) + " sets no quarkus.http.port");
        }
        Set<String> env = new TreeSet<>();
        Set<String> optional = new TreeSet<>();
        Map<String, String> topics = new TreeMap<>();
        Map<String, String> groups = new TreeMap<>();
        Set<String> allTopics = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            String value = props.getProperty(key);
            boolean otherProfile = key.startsWith("%") && !key.startsWith("%prod.");
            if (otherProfile || TEST_ONLY_KEYS.contains(key)) {
                continue;
            }
            String k = key.startsWith("%prod.") ? key.substring("%prod.".length()) : key;
            Matcher m = ENV_REF.matcher(value);
            while (m.find()) {
                if (ENV_NAME.matcher(m.group(1)).matches()) {
                    boolean emptyDefault = ":".equals(m.group(2));
                    (emptyDefault ? optional : env).add(m.group(1));
                }
            }
            if (k.endsWith("api-key-env") && ENV_NAME.matcher(value.trim()).matches()) {
                optional.add(value.trim());
            }
            String plain = value.replaceAll("\\$\\{[^}]*}", "").trim();
            Matcher in = INCOMING.matcher(k);
            if (in.matches()) {
                (in.group(2).equals("topic") ? topics : groups).put(in.group(1), plain);
            }
            if (TOPIC.matcher(k).matches()) {
                allTopics.add(plain);
            }
        }
        optional.removeAll(env);
        Set<String> code = codeEnvVars(service);
        code.removeAll(env);
        code.removeAll(optional);
        Map<String, Channel> incoming = new TreeMap<>();
        for (String channel : topics.keySet()) {
            incoming.put(channel, new Channel(topics.get(channel), groups.get(channel)));
        }
        return new ServiceConfig(
                service,
                Integer.parseInt(port.trim()),
                env,
                optional,
                code,
                imageEnv(service),
                jvmArgs(service),
                incoming,
                allTopics);
    }

    /** Variables read by name in the main sources of the service and its library modules that call getenv. */
    private static Set<String> codeEnvVars(String service) {
        Set<String> names = new TreeSet<>();
        for (String module : Project.moduleWithLibraries(service)) {
            for (Path source : Project.files(Project.path(module + "/src/main/java"), ".java")) {
                String text = Project.read(source);
                if (!text.contains("getenv")) {
                    continue;
                }
                Matcher m = CODE_ENV_READ.matcher(text);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static Map<String, String> imageEnv(String service) {
        Path dockerfile = Project.path(service + "/src/main/docker/Dockerfile.jvm");
        Map<String, String> env = new LinkedHashMap<>();
        if (Files.isRegularFile(dockerfile)) {
            Matcher m = DOCKER_ENV.matcher(Project.read(dockerfile));
            while (m.find()) {
                env.put(m.group(1), m.group(2));
            }
        }
        return env;
    }

    private static List<String> jvmArgs(String service) {
        List<String> args = new ArrayList<>();
        Matcher m = POM_JVM_ARGS.matcher(Project.read(Project.path(service + "/pom.xml")));
        while (m.find()) {
            args.add(normalizeSpace(m.group(2)));
        }
        return args;
    }

    static String normalizeSpace(String s) {
        return s == null ? null : s.strip().replaceAll("\\s+", " ");
    }

    /** Every variable a deployment may set for this service. */
    Set<String> allowedEnvVars() {
        Set<String> all = new TreeSet<>(envVars);
        all.addAll(optionalEnvVars);
        all.addAll(codeEnvVars);
        all.addAll(imageEnv.keySet());
        return all;
    }

    /** Variables a deployment may leave unset that hold credentials: they must come from a secret, never a file. */
    Set<String> credentialEnvVars() {
        Set<String> credentials = new TreeSet<>();
        for (String v : allowedEnvVars()) {
            if (!envVars.contains(v) && v.matches(".*(KEY|TOKEN|SECRET|PASSWORD).*")) {
                credentials.add(v);
            }
        }
        return credentials;
    }

    /**
     * What {@code JAVA_OPTS_APPEND} must hold when a deployment sets it, which replaces the Dockerfile's: the
     * Dockerfile's own options, then the pom's JVM arguments. Empty when the image has no such variable.
     */
    List<String> requiredJvmOptions() {
        List<String> required = new ArrayList<>();
        String image = imageEnv.get(JAVA_OPTS_APPEND);
        if (image != null && !image.isBlank()) {
            required.add(normalizeSpace(image));
        }
        required.addAll(jvmArgs);
        return required;
    }

    /**
     * Problems of a deployment's {@code JAVA_OPTS_APPEND} ({@code null}: not set): the pom's JVM arguments missing, or
     * the Dockerfile's options dropped by the override.
     */
    List<String> jvmOptionProblems(String javaOptsAppend) {
        List<String> problems = new ArrayList<>();
        if (javaOptsAppend == null) {
            if (!jvmArgs.isEmpty()) {
                problems.add(JAVA_OPTS_APPEND + " is not set, but every JVM running " + name + " needs " + jvmArgs
                        + " (pom.xml)");
            }
            return problems;
        }
        String opts = " " + normalizeSpace(javaOptsAppend) + " ";
        for (String required : requiredJvmOptions()) {
            if (!opts.contains(" " + required + " ")) {
                problems.add(JAVA_OPTS_APPEND + " '" + normalizeSpace(javaOptsAppend) + "' lacks '" + required
                        + "' (the Dockerfile's own options and the pom's jvm.args)");
            }
        }
        return problems;
    }

    /**
     * The cache folders a deployment's environment (name → value, as the container sees it) names: the values of
     * {@code ..._CACHE_DIR} variables and of {@code -D...cache-dir=<folder>} options in {@code JAVA_OPTS_APPEND}. Each
     * needs a writable volume, or the cache is lost with the container (or cannot be written at all).
     */
    static List<String> cacheDirs(Map<String, String> env) {
        List<String> dirs = new ArrayList<>();
        for (var e : env.entrySet()) {
            if (e.getKey().endsWith("_CACHE_DIR")
                    && e.getValue() != null
                    && !e.getValue().isBlank()) {
                dirs.add(e.getValue().strip());
            }
        }
        String javaOpts = env.get(JAVA_OPTS_APPEND);
        if (javaOpts != null) {
            Matcher m = Pattern.compile("-D[A-Za-z0-9_.-]*cache-dir=(\\S+)").matcher(javaOpts);
            while (m.find()) {
                dirs.add(m.group(1));
            }
        }
        return dirs;
    }

    /** The incoming channel that consumes {@code topic}. */
    Channel consumerOf(String topic) {
        return incoming.values().stream()
                .filter(c -> topic.equals(c.topic()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " consumes no topic " + topic));
    }

    static Map<String, ServiceConfig> all() {
        Map<String, ServiceConfig> all = new TreeMap<>();
        for (String s : Project.SERVICES) {
            all.put(s, of(s));
        }
        return all;
    }

    /** The Kafka topics' partition count: {@code num.partitions} of the local broker's configuration. */
    static int partitions() {
        Properties p = Project.properties(Project.path("infra/kafka/server.properties"));
        String n = p.getProperty("num.partitions");
        if (n == null) {
            throw new AssertionError("infra/kafka/server.properties sets no num.partitions");
        }
        return Integer.parseInt(n.trim());
    }
}
