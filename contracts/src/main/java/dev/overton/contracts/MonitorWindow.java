package dev.overton.contracts;

/**
 * Which monitor window a run is ({@link RunCreated#monitor()}): every window of a monitor is an ordinary run, named
 * {@code <monitor> #<window>}, and this is how a consumer tells it apart and groups a monitor's windows.
 *
 * @param id the monitor's id (the key of its {@value Topics#MONITORS} record)
 * @param name the monitor's name
 * @param window the window's number, 1 for the monitor's first window, increasing by one per window
 */
public record MonitorWindow(String id, String name, int window) {

    /** Rejects a record without the fields every consumer relies on. */
    public MonitorWindow {
        Event.require(id, "monitor.id");
        Event.require(name, "monitor.name");
        if (window < 1) {
            throw new IllegalArgumentException("monitor.window must be at least 1, was " + window);
        }
    }
}
