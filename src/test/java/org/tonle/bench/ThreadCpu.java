package org.tonle.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a server process spends its CPU, by kind of thread, read from Linux's
 * {@code /proc/<pid>/task/<tid>/stat} (user plus system time): the JIT compilers, Vert.x's event
 * loop and workers, the embedded store's threads, the MongoDB driver's, garbage collection and the
 * rest. Two readings give the CPU each kind used in between.
 */
final class ThreadCpu {

    /** Linux reports thread times in clock ticks of 1/100 s on every platform the project runs on. */
    private static final double TICKS_PER_SECOND = 100;

    /** Seconds of CPU per kind of thread (in the order of {@link #KINDS}). */
    record Reading(Map<String, Double> seconds) {
        double total() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** The CPU used since {@code before}, per kind. */
        Reading since(Reading before) {
            Map<String, Double> diff = new LinkedHashMap<>();
            seconds.forEach((kind, s) -> diff.put(kind, s - before.seconds.getOrDefault(kind, 0.0)));
            return new Reading(diff);
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            seconds.forEach((kind, s) -> json.put(kind, Math.round(s * 100) / 100.0));
            return json;
        }

        /** e.g. "JIT 41%, event loop 27%, ..." */
        String shares() {
            double total = total();
            StringBuilder out = new StringBuilder();
            seconds.forEach((kind, s) -> {
                if (s > 0.005 * total) {
                    out.append(out.length() == 0 ? "" : ", ").append(kind).append(' ').append(Math.round(100 * s / total)).append('%');
                }
            });
            return out.toString();
        }
    }

    static final String[] KINDS = {"JIT compiler", "event loop", "workers", "store", "driver", "GC and VM", "other"};

    private ThreadCpu() {}

    /** Each thread of process {@code pid} now, summed by kind; the threads that ended are lost (the server keeps its pools). */
    static Reading read(long pid) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String kind : KINDS) {
            seconds.put(kind, 0.0);
        }
        Map<String, Double> byThread = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                    byThread.merge(name, cpu, Double::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the threads of process " + pid + " (Linux only)", e);
        }
        byThread.forEach((name, cpu) -> seconds.merge(kind(name), cpu, Double::sum));
        return new Reading(seconds);
    }

    /** The kind of a thread by its name, as Linux shows it (the first 15 characters). */
    static String kind(String name) {
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") || name.startsWith("Sweeper")) {
            return "JIT compiler";
        }
        if (name.startsWith("vert.x-eventloo")) {
            return "event loop";
        }
        if (name.startsWith("vert.x-worker") || name.startsWith("vert.x-internal")) {
            return "workers";
        }
        if (name.startsWith("mongo-server") || name.startsWith("tonle-store")) {
            return "store";
        }
        if (name.startsWith("AsyncGetter") || name.startsWith("cluster-") || name.startsWith("nioEventLoopGro")
                || name.startsWith("MaintenanceTim")) {
            return "driver";
        }
        if (name.startsWith("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Periodic")) {
            return "GC and VM";
        }
        return "other";
    }
}
