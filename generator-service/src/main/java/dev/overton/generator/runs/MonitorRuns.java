package dev.overton.generator.runs;

import dev.overton.contracts.MonitorWindow;
import dev.overton.generator.runs.persistence.RunEntity;

/**
 * How a monitor window's run is named: {@code <monitor> #<window>}. The name is how a window reads everywhere a run is
 * shown, and how a stored run gives back its monitor's name.
 */
public final class MonitorRuns {

    private MonitorRuns() {}

    /** The name of window {@code window} of monitor {@code monitor}. */
    public static String runName(String monitor, int window) {
        return monitor + " #" + window;
    }

    /** The monitor window a stored run is, or {@code null} for a run submitted on its own. */
    public static MonitorWindow windowOf(RunEntity run) {
        if (run.monitorId == null || run.monitorWindow == null) {
            return null;
        }
        String suffix = " #" + run.monitorWindow;
        String name = run.name.endsWith(suffix) ? run.name.substring(0, run.name.length() - suffix.length()) : run.name;
        return new MonitorWindow(run.monitorId, name, run.monitorWindow);
    }
}
