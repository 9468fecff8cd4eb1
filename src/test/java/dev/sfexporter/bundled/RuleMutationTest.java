package dev.sfexporter.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.ExternalTool;
import dev.sfexporter.testing.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Do the promtool tests pin the rules? Each mutant of the shipped rule files (a {@code for:}, a
 * window or a threshold a little off) must make {@code promtool test rules} fail; at least 90 % of
 * them must be caught.
 */
class RuleMutationTest {
  private static final double REQUIRED_SCORE = 0.90;
  private static final List<String> RULE_FILES =
      List.of("salesforce-recording-rules.yml", "salesforce-alerts.yml");

  @TempDir Path dir;

  @Test
  void thePromtoolTestsCatchAtLeast90PercentOfTheMutants() throws Exception {
    String promtool = ExternalTool.require("promtool", "prometheus").toString();
    List<RuleMutants.Mutant> mutants = new ArrayList<>();
    for (String file : RULE_FILES) {
      mutants.addAll(
          RuleMutants.of(file, Files.readString(BundledAlertsTest.ALERTS.resolve(file))));
    }
    assertTrue(mutants.size() >= 60, "mutants: " + mutants.size());

    int threads = 2;
    List<Path> copies = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Path copy = dir.resolve("alerts-" + i);
      FileTrees.copy(BundledAlertsTest.ALERTS, copy);
      copies.add(copy);
    }
    assertEquals(0, run(promtool, copies.get(0)).exitCode(), "the unmutated rules pass");

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<String>> survivors = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        Path copy = copies.get(i);
        List<RuleMutants.Mutant> share = everyNth(mutants, i, threads);
        survivors.add(pool.submit(() -> survivorsOf(promtool, copy, share)));
      }
      StringBuilder survived = new StringBuilder();
      for (Future<String> future : survivors) {
        survived.append(future.get());
      }
      long alive = survived.toString().lines().count();
      double score = (mutants.size() - alive) / (double) mutants.size();
      String report =
          String.format(
              "mutation score: %d of %d mutants caught (%.1f %%)%n%s",
              mutants.size() - alive, mutants.size(), 100 * score, survived);
      System.out.println(report);
      assertTrue(score >= REQUIRED_SCORE, report);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String survivorsOf(String promtool, Path copy, List<RuleMutants.Mutant> mutants)
      throws Exception {
    StringBuilder survived = new StringBuilder();
    Path[] lastCatcher = new Path[1];
    for (RuleMutants.Mutant mutant : mutants) {
      Path file = copy.resolve(mutant.file());
      String original = Files.readString(file);
      Files.writeString(file, mutant.text());
      try {
        if (!caught(promtool, copy, lastCatcher)) {
          survived
              .append("  survived: ")
              .append(mutant.file())
              .append(':')
              .append(mutant.line())
              .append(' ')
              .append(mutant.description())
              .append('\n');
        }
      } finally {
        Files.writeString(file, original);
      }
    }
    return survived.toString();
  }

  private static ExternalTool.Result run(String promtool, Path alerts) throws Exception {
    List<String> command = new ArrayList<>(List.of(promtool, "test", "rules"));
    testFiles(alerts).forEach(f -> command.add(f.toString()));
    return ExternalTool.run(null, command.toArray(String[]::new));
  }

  /**
   * Caught when one test file fails. The file that caught the previous mutant (usually of the same
   * rule) runs first, then the cheap ones; the first failure stops.
   */
  private static boolean caught(String promtool, Path alerts, Path[] lastCatcher) throws Exception {
    List<Path> order = new ArrayList<>(testFiles(alerts));
    if (lastCatcher[0] != null && order.remove(lastCatcher[0])) {
      order.add(0, lastCatcher[0]);
    }
    for (Path test : order) {
      if (ExternalTool.run(null, promtool, "test", "rules", test.toString()).exitCode() != 0) {
        lastCatcher[0] = test;
        return true;
      }
    }
    return false;
  }

  /** The test files, smallest (cheapest to evaluate) first. */
  private static List<Path> testFiles(Path alerts) throws Exception {
    try (Stream<Path> files = Files.list(alerts.resolve("tests"))) {
      return files
          .filter(f -> f.toString().endsWith(".test.yml"))
          .sorted(java.util.Comparator.comparingLong(RuleMutationTest::size))
          .toList();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static <T> List<T> everyNth(List<T> all, int offset, int n) {
    List<T> share = new ArrayList<>();
    for (int i = offset; i < all.size(); i += n) {
      share.add(all.get(i));
    }
    return share;
  }
}
