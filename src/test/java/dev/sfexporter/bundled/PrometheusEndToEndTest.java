package dev.sfexporter.bundled;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.sfexporter.demo.DemoOrg;
import dev.sfexporter.testing.RealPrometheus;
import dev.sfexporter.testing.RunningExporter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo exporter scraped by a real Prometheus that loads the bundled rules and the example
 * overrides: every dashboard query and every recording rule returns data, and the demo's nearly
 * exhausted limit alerts.
 */
class PrometheusEndToEndTest {

  /** What Grafana puts in for the dashboards' variables, as "All" would. */
  private static final Map<String, String> VARIABLES =
      Map.of(
          "$__rate_interval",
          "30s",
          "$job",
          ".+",
          "$instance",
          ".+",
          "$org",
          "demo",
          "$limit",
          "DailyApiRequests|DailyBulkApiBatches");

  @TempDir Path dir;

  @Test
  void dashboardsRulesAndAlertsWorkAgainstTheDemo() throws Exception {
    try (DemoOrg demo = DemoOrg.start(Clock.systemUTC());
        RunningExporter exporter = RunningExporter.start(demo.config(":0"), Clock.systemUTC());
        RealPrometheus prometheus =
            RealPrometheus.start(
                dir,
                "127.0.0.1:" + exporter.exporter().port(),
                List.of(
                    Path.of("alerts/salesforce-recording-rules.yml"),
                    Path.of("alerts/salesforce-alerts.yml"),
                    Path.of("alerts/thresholds.example.yml")))) {
      // Rates need a few samples: wait until a rate over the demo's counters has a value.
      prometheus.await(
          Duration.ofSeconds(60),
          () ->
              !prometheus.query("rate(salesforce_exporter_api_requests_total[30s])").isEmpty()
                  && !prometheus
                      .query("org_limit_severity:salesforce_limit_usage_threshold:effective")
                      .isEmpty()
                  // The demo's event log takes a few seconds to download and count.
                  && !prometheus
                      .query("org_client:salesforce_api_usage_daily_allocation_share:ratio")
                      .isEmpty()
                  && !prometheus.query("org:salesforce_exporter_api_requests:increase1h").isEmpty(),
          "scraped data and recording rules");

      List<String> empty = new ArrayList<>();
      List<Dashboards.Query> queries = Dashboards.queries();
      assertTrue(queries.size() > 20, "queries found: " + queries.size());
      for (Dashboards.Query query : queries) {
        String promql = query.expr();
        for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
          promql = promql.replace(variable.getKey(), variable.getValue());
        }
        // query() fails on invalid PromQL. A comparison with the day before (offset 1d) cannot
        // have data in a run of a minute: for those, being valid is what can be proven here.
        boolean needsADayOfHistory = promql.contains("offset 1d");
        if (prometheus.query(promql).isEmpty() && !needsADayOfHistory) {
          empty.add(query.dashboard() + " / " + query.panel() + ": " + promql);
        }
      }
      assertTrue(empty.isEmpty(), "dashboard queries without data:\n" + String.join("\n", empty));

      for (Map<String, Object> rule :
          BundledAlertsTest.rules(Path.of("alerts/salesforce-recording-rules.yml"))) {
        String name = (String) rule.get("record");
        prometheus.await(
            Duration.ofSeconds(20), () -> !prometheus.query(name).isEmpty(), "series of " + name);
      }

      for (String alertname :
          List.of("SalesforceLimitUsageWarning", "SalesforceLimitUsageCritical")) {
        prometheus.await(
            Duration.ofSeconds(30),
            () -> nearlyExhaustedAlert(prometheus, alertname),
            alertname + " pending or firing for demo / DailyApiRequests");
      }
    }
  }

  private static boolean nearlyExhaustedAlert(RealPrometheus prometheus, String alertname) {
    for (JsonElement element : prometheus.alerts()) {
      JsonObject alert = element.getAsJsonObject();
      JsonObject labels = alert.getAsJsonObject("labels");
      String state = alert.get("state").getAsString();
      if (labels.get("alertname").getAsString().equals(alertname)
          && labels.get("org").getAsString().equals("demo")
          && labels.get("limit").getAsString().equals("DailyApiRequests")
          && (state.equals("pending") || state.equals("firing"))) {
        return true;
      }
    }
    return false;
  }
}
