package dev.sfexporter.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.config.Sources;
import dev.sfexporter.demo.DemoOrg;
import dev.sfexporter.testing.RealPrometheus;
import dev.sfexporter.testing.RunningExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo exporter, watching two orgs, scraped by real Prometheus servers that load the bundled
 * rules and the example overrides, in each of the README's scrape configurations at once: one
 * target for all orgs; one target per org (from {@code /targets}) with a separate job on the full
 * {@code /metrics} for the process metrics; and both in one job, as during a migration. In each,
 * every dashboard query and every recording rule returns data, every rule evaluates without error,
 * and the demo's nearly exhausted limit alerts; every dashboard query returns as many series in
 * each (so a panel meant per exporter does not turn into one line per org); and no exporter or
 * scrape alert is raised.
 */
class PrometheusEndToEndTest {
  private static final String SECOND_ORG = "demo-b";

  /**
   * What Grafana puts in for the dashboards' variables with "All" picked: for the job, the jobs the
   * variable offers (the exporter's: the rules' job); for the instance, anything.
   */
  private static final Map<String, String> VARIABLES =
      Map.of(
          "$__rate_interval",
          "30s",
          "$job",
          "salesforce",
          "$instance",
          ".+",
          "$org",
          "demo",
          "$limit",
          "DailyApiRequests|DailyBulkApiBatches");

  private static final List<Path> RULES =
      List.of(
          Path.of("alerts/salesforce-recording-rules.yml"),
          Path.of("alerts/salesforce-alerts.yml"),
          Path.of("alerts/thresholds.example.yml"));

  @TempDir Path dir;

  @Test
  void dashboardsRulesAndAlertsWorkInEveryScrapeConfiguration() throws Exception {
    try (DemoOrg demo = DemoOrg.start(Clock.systemUTC());
        DemoOrg second = DemoOrg.start(Clock.systemUTC());
        RunningExporter exporter =
            RunningExporter.start(twoOrgs(demo, second), Clock.systemUTC())) {
      String address = "127.0.0.1:" + exporter.exporter().port();
      String perOrg =
          "    honor_labels: true\n"
              + "    http_sd_configs:\n"
              + "      - url: http://"
              + address
              + "/targets\n"
              + "        refresh_interval: 1s\n";
      String oneTarget = "    static_configs:\n      - targets: [\"" + address + "\"]\n";
      Map<String, String> configurations = new LinkedHashMap<>();
      configurations.put("one target", "scrape_configs:\n  - job_name: salesforce\n" + oneTarget);
      configurations.put(
          "one target per org",
          "scrape_configs:\n  - job_name: salesforce\n"
              + perOrg
              + "  - job_name: salesforce-process\n"
              + oneTarget);
      configurations.put(
          "both in one job (a migration)",
          "scrape_configs:\n  - job_name: salesforce\n" + perOrg + oneTarget);

      Map<String, RealPrometheus> servers = new LinkedHashMap<>();
      try {
        for (Map.Entry<String, String> configuration : configurations.entrySet()) {
          Path workDir =
              Files.createDirectories(dir.resolve(configuration.getKey().replaceAll("\\W+", "-")));
          servers.put(
              configuration.getKey(),
              RealPrometheus.startWith(workDir, configuration.getValue(), RULES));
        }
        check(servers);
      } finally {
        for (RealPrometheus server : servers.values()) {
          server.close();
        }
      }
    }
  }

  private static void check(Map<String, RealPrometheus> servers) throws Exception {
    for (Map.Entry<String, RealPrometheus> server : servers.entrySet()) {
      awaitData(server.getKey(), server.getValue());
    }
    // The configurations are what they claim: targets with and without an org label.
    assertEquals(1, count(servers.get("one target"), "up{job=\"salesforce\"}"));
    assertEquals(0, count(servers.get("one target"), "up{org!=\"\"}"));
    assertEquals(2, count(servers.get("one target per org"), "up{job=\"salesforce\", org!=\"\"}"));
    assertEquals(0, count(servers.get("one target per org"), "jvm_threads_current{org!=\"\"}"));
    assertEquals(
        2, count(servers.get("one target per org"), "salesforce_up{job=\"salesforce-process\"}"));
    assertEquals(3, count(servers.get("both in one job (a migration)"), "up{job=\"salesforce\"}"));

    List<Dashboards.Query> queries = Dashboards.queries();
    assertTrue(queries.size() > 20, "queries found: " + queries.size());
    List<String> empty = new ArrayList<>();
    List<String> different = new ArrayList<>();
    for (Dashboards.Query query : queries) {
      String promql = query.expr();
      for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
        promql = promql.replace(variable.getKey(), variable.getValue());
      }
      String where = query.dashboard() + " / " + query.panel() + ": " + promql;
      // A comparison with the day before (offset 1d) cannot have data in a run of a minute: for
      // those, being valid is what can be proven here (query() fails on invalid PromQL).
      boolean needsADayOfHistory = promql.contains("offset 1d");
      Map<String, Integer> counts = sameCounts(servers, promql);
      counts.forEach(
          (configuration, series) -> {
            if (series == 0 && !needsADayOfHistory) {
              empty.add(configuration + ": " + where);
            }
          });
      if (Set.copyOf(counts.values()).size() > 1) {
        different.add(counts + " " + where);
      }
    }
    assertTrue(empty.isEmpty(), "dashboard queries without data:\n" + String.join("\n", empty));
    assertTrue(
        different.isEmpty(),
        "dashboard queries with more or fewer series in one scrape configuration:\n"
            + String.join("\n", different));

    for (Map.Entry<String, RealPrometheus> server : servers.entrySet()) {
      RealPrometheus prometheus = server.getValue();
      for (Map<String, Object> rule :
          BundledAlertsTest.rules(Path.of("alerts/salesforce-recording-rules.yml"))) {
        String name = (String) rule.get("record");
        prometheus.await(
            Duration.ofSeconds(20),
            () -> !prometheus.query(name).isEmpty(),
            server.getKey() + ": series of " + name);
      }
      assertEquals(List.of(), unhealthyRules(prometheus), server.getKey());
      for (String alertname :
          List.of("SalesforceLimitUsageWarning", "SalesforceLimitUsageCritical")) {
        prometheus.await(
            Duration.ofSeconds(30),
            () -> nearlyExhaustedAlert(prometheus, alertname),
            server.getKey() + ": " + alertname + " pending or firing for demo / DailyApiRequests");
      }
      assertEquals(Set.of(), exporterAlerts(prometheus), server.getKey());
    }
  }

  /**
   * Two demo orgs (each its own, as the demo keeps one session), so that a panel with one line per
   * org where it should have one per exporter shows. The second reads only /limits (the dashboards'
   * org variable picks the first; the event log is slow to build and count).
   */
  private static ExporterConfig twoOrgs(DemoOrg demo, DemoOrg secondDemo) {
    ExporterConfig config = demo.config(":0");
    OrgConfig org = config.orgs().get(0);
    OrgConfig secondOrg = secondDemo.config(":0").orgs().get(0);
    Map<String, SourceConfig> limitsOnly = new LinkedHashMap<>();
    secondOrg
        .sources()
        .forEach(
            (name, source) ->
                limitsOnly.put(
                    name,
                    name.equals(Sources.LIMITS)
                        ? source
                        : new SourceConfig(false, source.interval(), source.objects())));
    OrgConfig second =
        new OrgConfig(
            SECOND_ORG,
            secondOrg.loginUrl(),
            secondOrg.apiVersion(),
            secondOrg.refreshInterval(),
            secondOrg.timeout(),
            secondOrg.maxStaleness(),
            secondOrg.auth(),
            limitsOnly);
    return new ExporterConfig(
        config.listenAddress(),
        config.apiVersion(),
        config.refreshInterval(),
        config.timeout(),
        config.maxStaleness(),
        config.outbound(),
        List.of(org, second));
  }

  private static void awaitData(String configuration, RealPrometheus prometheus)
      throws InterruptedException {
    Map<String, BooleanSupplier> conditions = new LinkedHashMap<>();
    // Rates need a few samples: wait until a rate over the demo's counters has a value.
    conditions.put(
        "rates of both orgs' calls",
        () ->
            count(
                    prometheus,
                    "rate(salesforce_exporter_api_requests_total{job=\"salesforce\", endpoint=\"limits\"}[30s])")
                == 2);
    conditions.put(
        "a rate of the process's CPU",
        () -> count(prometheus, "rate(process_cpu_seconds_total[30s])") == 1);
    conditions.put(
        "thresholds of both orgs",
        () ->
            count(
                    prometheus,
                    "count by (org) (org_limit_severity:salesforce_limit_usage_threshold:effective)")
                == 2);
    // The demo's event log takes a few seconds to download and count.
    conditions.put(
        "API consumers",
        () ->
            count(prometheus, "org_client:salesforce_api_usage_daily_allocation_share:ratio") > 0);
    conditions.put(
        "the exporter's calls of both orgs over the last hour",
        () -> count(prometheus, "org:salesforce_exporter_api_requests:increase1h") == 2);
    try {
      prometheus.await(
          Duration.ofSeconds(60),
          () -> conditions.values().stream().allMatch(BooleanSupplier::getAsBoolean),
          configuration + ": scraped data and recording rules");
    } catch (AssertionError e) {
      List<String> missing = new ArrayList<>();
      conditions.forEach(
          (what, condition) -> {
            if (!condition.getAsBoolean()) {
              missing.add(what);
            }
          });
      throw new AssertionError(configuration + ": still waiting for " + missing, e);
    }
  }

  /**
   * The number of series the query returns in each configuration; the same in all as soon as they
   * agree (a family that just appeared may reach one server a scrape later than another).
   */
  private static Map<String, Integer> sameCounts(Map<String, RealPrometheus> servers, String promql)
      throws InterruptedException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int attempt = 0; attempt < 20; attempt++) {
      counts.clear();
      servers.forEach((name, server) -> counts.put(name, count(server, promql)));
      if (Set.copyOf(counts.values()).size() == 1) {
        break;
      }
      Thread.sleep(500);
    }
    return counts;
  }

  private static int count(RealPrometheus prometheus, String promql) {
    return prometheus.query(promql).size();
  }

  private static List<String> unhealthyRules(RealPrometheus prometheus) {
    List<String> unhealthy = new ArrayList<>();
    for (JsonElement group : prometheus.ruleGroups()) {
      for (JsonElement element : group.getAsJsonObject().getAsJsonArray("rules")) {
        JsonObject rule = element.getAsJsonObject();
        if (!"ok".equals(rule.get("health").getAsString())) {
          unhealthy.add(
              rule.get("name").getAsString()
                  + ": "
                  + rule.get("health").getAsString()
                  + (rule.has("lastError") ? " " + rule.get("lastError").getAsString() : ""));
        }
      }
    }
    return unhealthy;
  }

  /** Alerts about the exporter or its scrapes, in any state: none while everything works. */
  private static Set<String> exporterAlerts(RealPrometheus prometheus) {
    Set<String> names = new TreeSet<>();
    for (JsonElement element : prometheus.alerts()) {
      String name =
          element.getAsJsonObject().getAsJsonObject("labels").get("alertname").getAsString();
      if (name.startsWith("SalesforceExporter") || name.equals("SalesforceOrgScrapeFailing")) {
        names.add(name);
      }
    }
    return names;
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
