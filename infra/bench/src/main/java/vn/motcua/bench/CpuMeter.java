package vn.motcua.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time over an interval, Linux only (zeros elsewhere): the machine's busy time from /proc/stat
 * (everything, other users' builds included), and the local run's own: this JVM (functions, ElasticMQ,
 * s3proxy, the simulator, the bench's clients) plus its child processes (the Node emulators).
 */
final class CpuMeter {

    /** Jiffies of /proc/stat and /proc/PID/stat: USER_HZ, 100 on Linux. */
    private static final double JIFFY_MS = 10;

    record Sample(long wallNanos, double machineBusyMs, double machineTotalMs, double jvmMs, double childrenMs) {}

    /** CPU used between two samples. */
    record Use(double seconds, double cores, double machineBusyCores, double ownCores, double jvmCores, double childrenCores) {
        /** CPU milliseconds of the local run per unit of work (e.g. per dossier). */
        double ownMsPer(double units) { return units == 0 ? 0 : ownCores * seconds * 1000 / units; }
    }

    static Sample sample() {
        double busy = 0, total = 0;
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i != 4 && i != 5) busy += v; // not idle, not iowait
            }
        } catch (IOException | RuntimeException notLinux) {
            // zeros
        }
        double jvm = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            jvm = os.getProcessCpuTime() / 1e6;
        }
        double children = ProcessHandle.current().descendants().mapToDouble(p -> processJiffies(p.pid())).sum() * JIFFY_MS;
        return new Sample(System.nanoTime(), busy * JIFFY_MS, total * JIFFY_MS, jvm, children);
    }

    static Use between(Sample a, Sample b) {
        int cores = Runtime.getRuntime().availableProcessors();
        double seconds = (b.wallNanos() - a.wallNanos()) / 1e9;
        double totalMs = b.machineTotalMs() - a.machineTotalMs();
        double machine = totalMs <= 0 ? 0 : (b.machineBusyMs() - a.machineBusyMs()) / totalMs * cores;
        double jvm = (b.jvmMs() - a.jvmMs()) / 1000 / seconds;
        // a child that ended in between drops out: never below zero
        double children = Math.max(0, (b.childrenMs() - a.childrenMs()) / 1000 / seconds);
        return new Use(seconds, cores, machine, jvm + children, jvm, children);
    }

    /** utime + stime of a process, in jiffies (0 when it is gone or not Linux). */
    private static double processJiffies(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of the line
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private CpuMeter() {}
}
