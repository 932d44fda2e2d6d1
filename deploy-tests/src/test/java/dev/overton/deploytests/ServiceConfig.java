package dev.overton.deploytests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service's {@code src/main/resources/application.properties} says that deployments must match: its HTTP
 * port, the environment variables it reads, and its Kafka consumer groups and topics.
 *
 * @param name the service (module) name
 * @param httpPort {@code quarkus.http.port}
 * @param envVars variables referenced as {@code ${VAR}} or {@code ${VAR:default}} (non-empty default) outside
 *     test/dev profiles: a deployment must set them, since the defaults suit only {@code bin/overton} on the host
 * @param optionalEnvVars variables a deployment may leave unset: those with an empty default ({@code ${VAR:}}, a
 *     switch that is off unless set, such as a topic prefix) and those named by {@code ...api-key-env} settings
 * @param incoming per incoming channel: its topic and consumer group (without {@code ${...}} suffixes)
 */
record ServiceConfig(
        String name, int httpPort, Set<String> envVars, Set<String> optionalEnvVars, Map<String, Channel> incoming) {

    record Channel(String topic, String groupId) {}

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.(topic|group\\.id)");

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
        for (String key : props.stringPropertyNames()) {
            String value = props.getProperty(key);
            boolean otherProfile = key.startsWith("%") && !key.startsWith("%prod.");
            if (otherProfile) {
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
            Matcher in = INCOMING.matcher(k);
            if (in.matches()) {
                String plain = value.replaceAll("\\$\\{[^}]*}", "").trim();
                (in.group(2).equals("topic") ? topics : groups).put(in.group(1), plain);
            }
        }
        optional.removeAll(env);
        Map<String, Channel> incoming = new TreeMap<>();
        for (String channel : topics.keySet()) {
            incoming.put(channel, new Channel(topics.get(channel), groups.get(channel)));
        }
        return new ServiceConfig(service, Integer.parseInt(port.trim()), env, optional, incoming);
    }

    /** Every variable a deployment may set for this service. */
    Set<String> allowedEnvVars() {
        Set<String> all = new TreeSet<>(envVars);
        all.addAll(optionalEnvVars);
        return all;
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
