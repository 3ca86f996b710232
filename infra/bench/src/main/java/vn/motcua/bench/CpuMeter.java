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

    record Sample(long wallNanos, double machineBusyMs, double machineTotalMs, double jvmMs, double childrenMs,
                  java.util.Map<Long, ThreadTime> threads, double gcMs) {}

    private record ThreadTime(String group, double cpuMs) {}

    /**
     * CPU used between two samples; {@code jvmByGroup}: this JVM's CPU ms by thread group (each function's
     * containers, the SQS event sources, the HTTP API server, ElasticMQ, s3proxy, the simulator...; what no
     * thread accounts for is the JIT compilers, the GC and the VM).
     */
    record Use(double seconds, double cores, double machineBusyCores, double ownCores, double jvmCores, double childrenCores,
               java.util.Map<String, Double> jvmByGroup) {
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
        var threads = new java.util.HashMap<Long, ThreadTime>();
        var mx = ManagementFactory.getThreadMXBean();
        if (mx.isThreadCpuTimeSupported()) {
            for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info == null) continue;
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) threads.put(info.getThreadId(), new ThreadTime(group(info.getThreadName()), cpu / 1e6));
            }
        }
        double gc = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
        return new Sample(System.nanoTime(), busy * JIFFY_MS, total * JIFFY_MS, jvm, children, threads, gc);
    }

    /** Which part of the local run a thread belongs to, by its name. */
    static String group(String thread) {
        String t = thread.toLowerCase(java.util.Locale.ROOT);
        if (thread.startsWith("lambda-")) {
            String function = thread.substring("lambda-".length());
            int container = function.indexOf('#');
            return "function " + (container < 0 ? function : function.substring(0, container));
        }
        if (t.startsWith("sqs-")) return "SQS event sources (receive, delete)";
        if (t.startsWith("http-api-")) return "HTTP API server (events, JWT)";
        if (t.startsWith("simulator-")) return "department simulator";
        if (t.contains("elasticmq") || t.contains("pekko") || t.contains("akka")) return "ElasticMQ";
        if (t.startsWith("qtp") || t.contains("jetty") || t.contains("s3proxy")) return "s3proxy";
        if (t.startsWith("httpclient")) return "JDK HTTP clients (bench clients, simulator)";
        if (t.startsWith("pool-")) return "bench clients";
        return "other JVM threads";
    }

    static Use between(Sample a, Sample b) {
        int cores = Runtime.getRuntime().availableProcessors();
        double seconds = (b.wallNanos() - a.wallNanos()) / 1e9;
        double totalMs = b.machineTotalMs() - a.machineTotalMs();
        double machine = totalMs <= 0 ? 0 : (b.machineBusyMs() - a.machineBusyMs()) / totalMs * cores;
        double jvm = (b.jvmMs() - a.jvmMs()) / 1000 / seconds;
        // a child that ended in between drops out: never below zero
        double children = Math.max(0, (b.childrenMs() - a.childrenMs()) / 1000 / seconds);
        var groups = new java.util.TreeMap<String, Double>();
        double counted = 0;
        for (var e : b.threads().entrySet()) {
            var before = a.threads().get(e.getKey());
            double ms = e.getValue().cpuMs() - (before == null ? 0 : before.cpuMs());
            groups.merge(e.getValue().group(), ms, Double::sum);
            counted += ms;
        }
        // threads that ended in between are not counted: their time lands here too
        // the serial collector runs in its own VM thread: its collection time is (about) CPU time
        double gc = Math.max(0, b.gcMs() - a.gcMs());
        double vm = Math.max(0, b.jvmMs() - a.jvmMs() - counted);
        groups.put("GC (collection time)", Math.min(gc, vm));
        groups.put("JIT compilers, VM (no thread above, GC aside)", Math.max(0, vm - gc));
        return new Use(seconds, cores, machine, jvm + children, jvm, children, groups);
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
