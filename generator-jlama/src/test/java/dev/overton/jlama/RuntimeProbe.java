package dev.overton.jlama;

/** Started in a separate JVM by {@link JlamaRuntimeTest}: tries to create an engine and reports the outcome. */
public final class RuntimeProbe {

    private RuntimeProbe() {}

    public static void main(String[] args) {
        try (JlamaEngine engine = new JlamaEngine(new JlamaModels(JlamaSettings.defaults()))) {
            System.out.println("supported");
        } catch (JlamaUnsupportedRuntimeException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
