package dev.sfexporter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.ExternalTool;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The demo org through the real client code, and the real promtool on what it serves. */
class DemoModeTest {
  // 45 minutes into the demo's hourly cycle.
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:45:00Z"));

  private static double usage(Metrics m, String limit) {
    double max = m.require("salesforce_limit_max", "org", "demo", "limit", limit);
    return (max - m.require("salesforce_limit_remaining", "org", "demo", "limit", limit)) / max;
  }

  @Test
  void theDemoOrgIsScrapedThroughTheRealClientAndMoves() throws Exception {
    try (DemoOrg demo = DemoOrg.start(clock);
        RunningExporter exporter = RunningExporter.start(demo.config(":0"), clock)) {
      Metrics first = exporter.scrape();
      assertEquals(1, first.require("salesforce_up", "org", "demo"));
      assertTrue(first.find("salesforce_limit_max", "org", "demo").size() > 50);
      double exhausting = usage(first, DemoLimits.EXHAUSTING);
      assertTrue(exhausting > 0.95 && exhausting < 0.99, "heading for exhaustion: " + exhausting);
      assertTrue(
          first.require(
                  "salesforce_limit_app_max",
                  "org",
                  "demo",
                  "limit",
                  "DailyApiRequests",
                  "app",
                  "Salesforce CLI")
              > 0,
          "one connected app has a quota to show");

      clock.advance(Duration.ofMinutes(5));
      Metrics later = exporter.scrape();
      assertTrue(usage(later, DemoLimits.EXHAUSTING) > exhausting, "usage grows over the cycle");
      assertNotEquals(
          first.require("salesforce_limit_remaining", "org", "demo", "limit", "SingleEmail"),
          later.require("salesforce_limit_remaining", "org", "demo", "limit", "SingleEmail"));

      // Demo sessions last 20 minutes: the exporter renews its token and stays up.
      clock.advance(Duration.ofMinutes(21));
      Metrics renewed = exporter.scrape();
      assertEquals(1, renewed.require("salesforce_up", "org", "demo"));
      assertEquals(
          2,
          renewed.require(
              "salesforce_exporter_api_requests_total", "org", "demo", "endpoint", "token"));
      assertEquals(
          1,
          renewed.require(
              "salesforce_exporter_api_request_failures_total",
              "org",
              "demo",
              "endpoint",
              "limits"));
    }
  }

  @Test
  void whatTheExporterServesPassesPromtoolCheckMetrics() throws Exception {
    String promtool = ExternalTool.require("promtool", "prometheus").toString();
    try (DemoOrg demo = DemoOrg.start(clock);
        RunningExporter exporter = RunningExporter.start(demo.config(":0"), clock)) {
      String text = exporter.scrape().text();
      for (String family :
          java.util.List.of(
              "salesforce_limit_app_remaining{",
              "salesforce_license_used{",
              "salesforce_entitlement_allowed{",
              "salesforce_records{",
              "salesforce_source_up{",
              "salesforce_org_info{",
              "client=\"Marketing Sync\"",
              "salesforce_api_usage_period_seconds{")) {
        assertTrue(text.contains(family), "a real scrape with every source: " + family);
      }
      assertTrue(
          text.contains("edition=\"Enterprise Edition\""), "the org source's facts are labels");
      ExternalTool.Result result = ExternalTool.run(text, promtool, "check", "metrics");
      assertEquals("", result.output().strip(), "promtool findings");
      assertEquals(0, result.exitCode());

      // And it would notice: a counter without _total is a finding.
      ExternalTool.Result bad =
          ExternalTool.run(
              "# HELP x_requests Some.\n# TYPE x_requests counter\nx_requests 1\n",
              promtool,
              "check",
              "metrics");
      assertTrue(
          bad.output().contains("counter metrics should have \"_total\" suffix"), bad.output());
    }
  }
}
