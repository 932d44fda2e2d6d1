package dev.overton.semantic.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the bench reads about the machine and the process: load average, process CPU time, peak heap (sum of the heap
 * pools' peaks) and peak resident set ({@code VmHWM}, which includes ONNX Runtime's native memory). The machine is
 * shared, so wall times are always printed beside the load average and our own CPU seconds.
 */
final class ResourceUsage {

    private ResourceUsage() {}

    static String machine() {
        return String.format(
                "%d processors, load average %.2f, max heap %d MiB, %s",
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.version());
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void printMemory() {
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak memory: heap %d MiB (sum of pool peaks), resident set %s%n", heapPeak >> 20, maxRss());
    }

    private static String maxRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return (kb >> 10) + " MiB (VmHWM)";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the heap figure stands alone
        }
        return "n/a";
    }

    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
