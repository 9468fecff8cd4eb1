package dev.sfexporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sfexporter.demo.DemoOrg;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /api/v1/orgs says what /metrics says: every limit, licence, entitlement, consumer and call. */
class GlanceJsonMatchesMetricsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:45:00Z"));

  @Test
  void theDemoOrgsJsonMatchesItsMetrics() throws Exception {
    try (DemoOrg demo = DemoOrg.start(clock);
        RunningExporter exporter = RunningExporter.start(demo.config(":0"), clock)) {
      Metrics m = exporter.scrape();
      // On a busy machine a demo source may miss its 5 s timeout once: retry after its back-off.
      for (int i = 0;
          i < 5
              && m.find("salesforce_source_up", "org", "demo").stream()
                  .anyMatch(s -> s.value() == 0);
          i++) {
        clock.advance(java.time.Duration.ofMinutes(2));
        m = exporter.scrape();
      }
      JsonObject list =
          JsonParser.parseString(exporter.get("/api/v1/orgs").body()).getAsJsonObject();
      assertEquals(1, list.getAsJsonArray("orgs").size());
      JsonObject org =
          JsonParser.parseString(exporter.get("/api/v1/orgs/demo").body()).getAsJsonObject();
      assertEquals(list.getAsJsonArray("orgs").get(0), org, "the list holds the same org");

      assertEquals("up", org.getAsJsonObject("health").get("state").getAsString());
      assertEquals(1, m.require("salesforce_up", "org", "demo"));
      assertEquals(
          m.require("salesforce_last_refresh_timestamp_seconds", "org", "demo"),
          Instant.parse(org.getAsJsonObject("health").get("data_from").getAsString()).toEpochMilli()
              / 1000.0,
          0.001);
      for (JsonElement each : org.getAsJsonArray("sources")) {
        JsonObject source = each.getAsJsonObject();
        String name = source.get("source").getAsString();
        assertEquals(
            m.require("salesforce_source_up", "org", "demo", "source", name) == 1,
            source.get("state").getAsString().equals("up"),
            name);
      }

      int limits = 0;
      for (JsonElement each : org.getAsJsonArray("limits")) {
        JsonObject limit = each.getAsJsonObject();
        String name = limit.get("limit").getAsString();
        String[] labels =
            limit.has("app")
                ? new String[] {"org", "demo", "limit", name, "app", limit.get("app").getAsString()}
                : new String[] {"org", "demo", "limit", name};
        String family = limit.has("app") ? "salesforce_limit_app_" : "salesforce_limit_";
        assertEquals(m.require(family + "max", labels), limit.get("max").getAsDouble(), name);
        assertEquals(
            m.require(family + "remaining", labels), limit.get("remaining").getAsDouble(), name);
        limits++;
      }
      assertTrue(limits > 50);
      assertEquals(
          m.find("salesforce_limit_max", "org", "demo").size()
              + m.find("salesforce_limit_app_max", "org", "demo").size(),
          limits,
          "every limit series is in the JSON, and no other");
      JsonObject daily = org.getAsJsonObject("daily_api_requests");
      assertEquals(
          m.require("salesforce_limit_max", "org", "demo", "limit", "DailyApiRequests")
              - m.require("salesforce_limit_remaining", "org", "demo", "limit", "DailyApiRequests"),
          daily.get("used").getAsDouble());

      assertEquals(
          m.find("salesforce_license_max", "org", "demo").size(),
          org.getAsJsonArray("licenses").size());
      assertFalse(org.getAsJsonArray("licenses").isEmpty(), "the demo has licences");
      for (JsonElement each : org.getAsJsonArray("licenses")) {
        JsonObject l = each.getAsJsonObject();
        String[] labels = {
          "org",
          "demo",
          "license",
          l.get("license").getAsString(),
          "type",
          l.get("type").getAsString()
        };
        assertEquals(m.require("salesforce_license_max", labels), l.get("total").getAsDouble());
        assertEquals(m.require("salesforce_license_used", labels), l.get("used").getAsDouble());
      }

      assertEquals(
          m.find("salesforce_entitlement_allowed", "org", "demo").size(),
          org.getAsJsonArray("entitlements").size());
      for (JsonElement each : org.getAsJsonArray("entitlements")) {
        JsonObject e = each.getAsJsonObject();
        String[] labels = {
          "org",
          "demo",
          "entitlement",
          e.get("entitlement").getAsString(),
          "setting",
          e.get("setting").getAsString(),
          "frequency",
          e.get("frequency").getAsString()
        };
        assertEquals(
            m.require("salesforce_entitlement_allowed", labels), e.get("allowed").getAsDouble());
        assertEquals(m.value("salesforce_entitlement_used", labels).isPresent(), e.has("used"));
        if (e.has("used")) {
          assertEquals(
              m.require("salesforce_entitlement_used", labels), e.get("used").getAsDouble());
        }
      }

      JsonObject consumers = org.getAsJsonObject("api_consumers");
      Map<String, Double> byClient = new HashMap<>();
      m.find("salesforce_api_usage_requests", "org", "demo")
          .forEach(s -> byClient.merge(s.labels().get("client"), s.value(), Double::sum));
      assertFalse(byClient.isEmpty(), "the demo has API usage");
      assertEquals(byClient.size(), consumers.getAsJsonArray("clients").size());
      for (JsonElement each : consumers.getAsJsonArray("clients")) {
        JsonObject c = each.getAsJsonObject();
        assertEquals(byClient.get(c.get("client").getAsString()), c.get("requests").getAsDouble());
      }
      assertEquals(
          m.require("salesforce_api_usage_period_start_timestamp_seconds", "org", "demo"),
          Instant.parse(consumers.get("period_start").getAsString()).getEpochSecond());

      JsonObject sinceStart = org.getAsJsonObject("own_calls").getAsJsonObject("since_start");
      assertEquals(
          m.find("salesforce_exporter_api_requests_total", "org", "demo").size(),
          sinceStart.size());
      long lastDay = 0;
      for (String endpoint : sinceStart.keySet()) {
        double counter =
            m.require(
                "salesforce_exporter_api_requests_total", "org", "demo", "endpoint", endpoint);
        assertEquals(counter, sinceStart.get(endpoint).getAsDouble(), endpoint);
        lastDay += (long) counter;
      }
      assertEquals(
          lastDay, org.getAsJsonObject("own_calls").get("total").getAsLong(), "all within 24 h");
    }
  }
}
