package dev.sfexporter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time per thread of a process, read from /proc, threads of one pool added up (digits in names
 * folded): where a cold scrape's CPU goes (the JIT, the GC on the "VM Thread", our own threads). A
 * thread that ends between two readings takes its CPU with it.
 */
record ThreadCpu(Map<String, Long> millisByThread) {
  private static final long TICKS_PER_SECOND = clockTicks();

  static ThreadCpu of(long pid) throws IOException {
    Map<String, Long> byName = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        byName.merge(name.replaceAll("[0-9]+", "#"), cpuMillis(stat), Long::sum);
      }
    }
    return new ThreadCpu(byName);
  }

  /** User + system CPU of a /proc/.../stat line, in ms. */
  static long cpuMillis(String stat) {
    // After the name in parentheses: utime and stime are fields 14 and 15, in clock ticks.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / TICKS_PER_SECOND;
  }

  /** What each thread used since {@code before}, largest first: "VM Thread 120, C# Comp 80". */
  String since(ThreadCpu before) {
    return millisByThread.entrySet().stream()
        .map(
            e ->
                Map.entry(
                    e.getKey(), e.getValue() - before.millisByThread.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() >= 10)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> e.getKey().trim() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static long clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      return Long.parseLong(new String(getconf.getInputStream().readAllBytes()).trim());
    } catch (IOException | NumberFormatException e) {
      return 100; // Linux's USER_HZ nearly everywhere
    }
  }
}
