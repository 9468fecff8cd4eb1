package dev.sfexporter.bundled;

import static dev.sfexporter.testing.OrgFixtures.clientCredentials;
import static dev.sfexporter.testing.OrgFixtures.config;
import static dev.sfexporter.testing.OrgFixtures.org;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sfexporter.testing.ExternalTool;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The moment that matters most: an org at 97 % of DailyApiRequests runs out, and Salesforce answers
 * /limits with 403 REQUEST_LIMIT_EXCEEDED. The real exporter is scraped every 15 s over simulated
 * time; what it served becomes the input of Prometheus's own rule engine (promtool) running the
 * bundled rules, which must keep the critical alert firing.
 */
class LimitExhaustionEndToEndTest {
  private static final String NEARLY_OUT =
      "{\"DailyApiRequests\":{\"Max\":15000,\"Remaining\":450},"
          + "\"DataStorageMB\":{\"Max\":1024,\"Remaining\":900}}";
  private static final String OUT =
      "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]";
  private static final Duration STEP = Duration.ofSeconds(15);
  private static final int RUNS_OUT_AT_STEP = 80; // 20 minutes in
  private static final int STEPS = 120; // 30 minutes

  @StartStop final MockWebServer salesforce = new MockWebServer();
  @TempDir Path dir;

  @Test
  void theCriticalAlertKeepsFiringWhenTheOrgRunsOut() throws Exception {
    AtomicReference<MockResponse> limits = new AtomicReference<>(Samples.json(200, NEARLY_OUT));
    salesforce.setDispatcher(org(salesforce, limits));
    MutableClock clock = new MutableClock(Instant.EPOCH);
    Map<String, List<String>> series = new TreeMap<>();
    try (RunningExporter exporter =
        RunningExporter.start(config(clientCredentials("prod", salesforce)), clock)) {
      for (int step = 0; step < STEPS; step++) {
        if (step == RUNS_OUT_AT_STEP) {
          limits.set(Samples.json(403, OUT));
        }
        record(series, exporter.scrape(), step);
        clock.advance(STEP);
      }
    }
    Path test = dir.resolve("exhaustion.test.yml");
    Files.writeString(test, promtoolTest(series));
    ExternalTool.Result result =
        ExternalTool.run(
            null,
            ExternalTool.require("promtool", "prometheus").toString(),
            "test",
            "rules",
            test.toString());
    assertEquals(0, result.exitCode(), result.output());
  }

  /** Keeps the exporter's own families, as Prometheus would store them for job salesforce. */
  private static void record(Map<String, List<String>> series, Metrics metrics, int step) {
    for (Metrics.Sample sample : metrics.all()) {
      if (!sample.name().startsWith("salesforce_")) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>(sample.labels());
      labels.put("job", "salesforce");
      labels.put("instance", "exporter:9917");
      String key =
          sample.name()
              + labels.entrySet().stream()
                  .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                  .collect(Collectors.joining(",", "{", "}"));
      List<String> values = series.computeIfAbsent(key, k -> new ArrayList<>());
      while (values.size() < step) {
        values.add("_");
      }
      values.add(String.valueOf(sample.value()));
    }
  }

  private static String promtoolTest(Map<String, List<String>> series) {
    StringBuilder input = new StringBuilder();
    series.forEach(
        (name, values) -> {
          while (values.size() < STEPS) {
            values.add("_");
          }
          input
              .append("      - series: '")
              .append(name)
              .append("'\n        values: '")
              .append(String.join(" ", values))
              .append("'\n");
        });
    String firing =
        "ALERTS{alertname=\"SalesforceLimitUsageCritical\",alertstate=\"firing\","
            + "org=\"prod\",limit=\"DailyApiRequests\"}";
    StringBuilder checks = new StringBuilder();
    // Before the org runs out, while it is out (2 and 9 minutes later): firing throughout.
    for (String at : List.of("19m", "22m", "29m")) {
      checks
          .append("      - expr: count(")
          .append(firing)
          .append(")\n        eval_time: ")
          .append(at)
          .append("\n        exp_samples:\n          - labels: '{}'\n            value: 1\n");
    }
    checks.append(
        """
              - expr: sum(salesforce_refresh_failures_total{org="prod",reason="request_limit_exceeded"})
                eval_time: 19m
                exp_samples:
                  - labels: '{}'
                    value: 0
              - expr: sum(salesforce_refresh_failures_total{org="prod",reason="request_limit_exceeded"})
                eval_time: 22m
                exp_samples:
                  - labels: '{}'
                    value: 1
        """);
    return "rule_files:\n"
        + "  - "
        + Path.of("alerts/salesforce-recording-rules.yml").toAbsolutePath()
        + "\n  - "
        + Path.of("alerts/salesforce-alerts.yml").toAbsolutePath()
        + "\nevaluation_interval: 15s\ntests:\n  - interval: 15s\n    input_series:\n"
        + input
        + "    promql_expr_test:\n"
        + checks;
  }
}
