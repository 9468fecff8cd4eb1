package dev.sfexporter.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The good-dashboard rules of grafana/dashboard-linter, enforced on every shipped dashboard: a
 * datasource variable used by every panel and target, job and instance variables used by every
 * selector, titles, descriptions, units, $__rate_interval in rate queries, stable uids.
 */
class DashboardLintTest {
  private static final Set<String> DATASOURCE_REFS = Set.of("${datasource}", "$datasource");
  private static final Pattern RANGE_FUNCTION = Pattern.compile("\\b(rate|irate|increase)\\s*\\(");
  private static final Pattern SELECTOR_BLOCK = Pattern.compile("\\{([^}]*)}");
  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset");

  @Test
  void everyDashboardFollowsTheRules() throws Exception {
    List<String> findings = new ArrayList<>();
    Set<String> uids = new HashSet<>();
    List<Path> files = Dashboards.files();
    assertEquals(5, files.size(), "overview, org detail, exporter health, licences, API consumers");
    for (Path file : files) {
      JsonObject dashboard = Dashboards.read(file);
      String name = file.getFileName().toString();
      String uid = text(dashboard, "uid");
      if (!uid.matches("[a-z0-9-]{1,40}") || !uids.add(uid)) {
        findings.add(name + ": uid \"" + uid + "\" must be set, stable, unique, [a-z0-9-]");
      }
      checkVariables(name, dashboard, findings);
      for (JsonObject panel : Dashboards.panels(dashboard)) {
        if (text(panel, "type").equals("row")) {
          continue;
        }
        checkPanel(name + " / " + text(panel, "title"), panel, findings);
      }
    }
    assertTrue(findings.isEmpty(), String.join("\n", findings));
  }

  /** Read-only, and the panels tile the 24-column grid: no overlaps, no empty blocks. */
  @Test
  void everyDashboardIsReadOnlyAndHasNoGapsOrOverlaps() throws Exception {
    for (Path file : Dashboards.files()) {
      JsonObject dashboard = Dashboards.read(file);
      String name = file.getFileName().toString();
      assertTrue(!dashboard.get("editable").getAsBoolean(), name + ": editable must be false");
      Map<String, String> cells = new java.util.HashMap<>();
      int bottom = 0;
      for (JsonElement element : dashboard.getAsJsonArray("panels")) {
        JsonObject panel = element.getAsJsonObject();
        JsonObject grid = panel.getAsJsonObject("gridPos");
        int x = grid.get("x").getAsInt();
        int y = grid.get("y").getAsInt();
        int w = grid.get("w").getAsInt();
        int h = grid.get("h").getAsInt();
        assertTrue(x >= 0 && w > 0 && x + w <= 24, name + ": " + text(panel, "title"));
        bottom = Math.max(bottom, y + h);
        for (int col = x; col < x + w; col++) {
          for (int row = y; row < y + h; row++) {
            String before = cells.put(col + "," + row, text(panel, "title"));
            assertEquals(null, before, name + ": " + text(panel, "title") + " overlaps " + before);
          }
        }
      }
      assertEquals(24 * bottom, cells.size(), name + ": empty blocks in the layout");
    }
  }

  @Test
  void theLinterCatchesWhatItShould() {
    List<String> findings = new ArrayList<>();
    checkExpr(
        "t",
        "rate(salesforce_exporter_api_requests_total{job=~\"$job\", instance=~\"$instance\"}[5m])",
        findings);
    checkExpr("t", "salesforce_up{job=~\"$job\"}", findings);
    checkExpr(
        "t",
        "sum by (org) (salesforce_up{job=~\"$job\", instance=~\"$instance\"}) / salesforce_limit_max",
        findings);
    assertEquals(3, findings.size(), findings.toString());
    checkExpr("t", "jvm_threads_current{instance=~\"$instance\"}", findings);
    checkExpr("t", "jvm_threads_current{job=~\"$job\"} " + SELECTED_INSTANCES, findings);
    assertEquals(5, findings.size(), findings.toString());
    findings.clear();
    checkExpr(
        "t",
        "count(salesforce_up{job=~\"$job\", instance=~\"$instance\"} == 0) or vector(0)",
        findings);
    checkExpr("t", "jvm_threads_current{instance=~\"$instance\"} " + SELECTED_INSTANCES, findings);
    assertTrue(findings.isEmpty(), findings.toString());
  }

  private static void checkVariables(String name, JsonObject dashboard, List<String> findings) {
    Map<String, JsonObject> variables = new java.util.LinkedHashMap<>();
    for (JsonElement v : dashboard.getAsJsonObject("templating").getAsJsonArray("list")) {
      variables.put(text(v.getAsJsonObject(), "name"), v.getAsJsonObject());
    }
    JsonObject datasource = variables.get("datasource");
    if (datasource == null
        || !text(datasource, "type").equals("datasource")
        || !text(datasource, "query").equals("prometheus")) {
      findings.add(name + ": needs a 'datasource' variable of type datasource, query prometheus");
    }
    for (String required : List.of("job", "instance")) {
      JsonObject v = variables.get(required);
      if (v == null
          || !text(v, "type").equals("query")
          || !DATASOURCE_REFS.contains(text(v.getAsJsonObject("datasource"), "uid"))
          || !v.get("multi").getAsBoolean()
          || !v.get("includeAll").getAsBoolean()) {
        findings.add(
            name + ": needs a multi-value '" + required + "' query variable on ${datasource}");
      }
    }
    // "All" jobs must be the jobs the variable found (the exporter's), not a regex matching any
    // job: a job scraping the exporter's full /metrics for its JVM metrics would double every line.
    JsonObject job = variables.get("job");
    if (job != null && job.has("allValue") && !job.get("allValue").isJsonNull()) {
      findings.add(name + ": the 'job' variable's All must be its options, not an allValue");
    }
  }

  private static void checkPanel(String where, JsonObject panel, List<String> findings) {
    if (text(panel, "title").isBlank()) {
      findings.add(where + ": no title");
    }
    if (text(panel, "description").isBlank()) {
      findings.add(where + ": no description");
    }
    if (!DATASOURCE_REFS.contains(text(panel.getAsJsonObject("datasource"), "uid"))) {
      findings.add(where + ": panel datasource must be ${datasource}");
    }
    JsonObject defaults = panel.getAsJsonObject("fieldConfig").getAsJsonObject("defaults");
    if (text(defaults, "unit").isBlank()) {
      findings.add(where + ": no unit");
    }
    if (!panel.has("targets") || panel.getAsJsonArray("targets").isEmpty()) {
      findings.add(where + ": no query");
      return;
    }
    for (JsonElement t : panel.getAsJsonArray("targets")) {
      JsonObject target = t.getAsJsonObject();
      if (!DATASOURCE_REFS.contains(text(target.getAsJsonObject("datasource"), "uid"))) {
        findings.add(where + ": target datasource must be ${datasource}");
      }
      checkExpr(where, text(target, "expr"), findings);
    }
  }

  /**
   * Restricts an expression to the selected exporters' instances, whatever job scraped its series:
   * the JVM and process metrics, which with one target per org come from a separate job.
   */
  static final String SELECTED_INSTANCES =
      "and on (instance) group by (instance)"
          + " (salesforce_exporter_build_info{job=~\"$job\", instance=~\"$instance\"})";

  /**
   * Selectors filter by $job and $instance (only by $instance where the expression is restricted to
   * the selected exporters' instances, {@link #SELECTED_INSTANCES}); rate-like functions use
   * $__rate_interval.
   */
  static void checkExpr(String where, String expr, List<String> findings) {
    boolean anyJob = expr.contains(SELECTED_INSTANCES);
    Matcher function = RANGE_FUNCTION.matcher(expr);
    while (function.find()) {
      int close = expr.indexOf(']', function.end());
      int open = expr.lastIndexOf('[', close);
      if (open < 0 || !expr.substring(open, close + 1).equals("[$__rate_interval]")) {
        findings.add(where + ": " + function.group(1) + "() must use [$__rate_interval]: " + expr);
      }
    }
    Matcher selector = SELECTOR_BLOCK.matcher(expr);
    while (selector.find()) {
      String matchers = selector.group(1);
      if ((!anyJob && !matchers.contains("job=~\"$job\""))
          || !matchers.contains("instance=~\"$instance\"")) {
        findings.add(
            where
                + ": selector {"
                + matchers
                + "} must filter job=~\"$job\" and instance=~\"$instance\"");
      }
    }
    // A metric name without a selector block would not filter at all.
    String stripped =
        expr.replaceAll("\"[^\"]*\"", "\"\"")
            .replaceAll("\\{[^}]*}", "{}")
            .replaceAll("\\[[^]]*]", "[]")
            .replaceAll("\\boffset\\s+\\w+", "")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
    Matcher word = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(stripped);
    while (word.find()) {
      String token = word.group();
      String rest = stripped.substring(word.end()).stripLeading();
      boolean call = rest.startsWith("(");
      boolean selected = rest.startsWith("{");
      if (!call && !selected && !PROMQL_WORDS.contains(token) && !token.matches("(?i)inf|nan")) {
        findings.add(
            where
                + ": metric "
                + token
                + " has no {job=~\"$job\", instance=~\"$instance\"} selector");
      }
    }
  }

  private static String text(JsonObject object, String key) {
    return object == null || !object.has(key) || object.get(key).isJsonNull()
        ? ""
        : object.get(key).getAsString();
  }
}
