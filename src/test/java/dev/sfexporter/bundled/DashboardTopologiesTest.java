package dev.sfexporter.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped dashboards' exporter and org-status queries, taken from the JSON and evaluated by
 * promtool on series of both scrape configurations, with a failure in each: one target for all orgs
 * (an org whose refresh fails), and one target per org over two replicas (an org whose own target
 * cannot be scraped, its series gone). An org is down in both; per-exporter panels keep one line
 * per exporter, not one per org. The end-to-end test covers the working case with a real
 * Prometheus; this one the failures it cannot stage cheaply.
 */
class DashboardTopologiesTest {
  private static final Map<String, String> VARIABLES =
      Map.of("$job", "salesforce", "$instance", ".+", "$org", ".+");

  private static final String ONE_TARGET =
      """
      - {series: 'up{job="salesforce",instance="e:1"}', values: '1x20'}
      - {series: 'scrape_duration_seconds{job="salesforce",instance="e:1"}', values: '0.2x20'}
      - {series: 'salesforce_exporter_build_info{job="salesforce",instance="e:1",version="1.0.0"}', values: '1x20'}
      - {series: 'salesforce_up{job="salesforce",instance="e:1",org="a"}', values: '1x9 0x11'}
      - {series: 'salesforce_up{job="salesforce",instance="e:1",org="b"}', values: '1x20'}
      - {series: 'salesforce_up{job="salesforce",instance="e:1",org="c"}', values: '1x20'}
      """;

  /** Replica e:1 holds a and b, e:2 holds c; a's target fails from 10m on. */
  private static final String ONE_TARGET_PER_ORG =
      """
      - {series: 'up{job="salesforce",instance="e:1",org="a"}', values: '1x9 0x11'}
      - {series: 'up{job="salesforce",instance="e:1",org="b"}', values: '1x20'}
      - {series: 'up{job="salesforce",instance="e:2",org="c"}', values: '1x20'}
      - {series: 'scrape_duration_seconds{job="salesforce",instance="e:1",org="a"}', values: '0.1x9 1x11'}
      - {series: 'scrape_duration_seconds{job="salesforce",instance="e:1",org="b"}', values: '0.1x20'}
      - {series: 'scrape_duration_seconds{job="salesforce",instance="e:2",org="c"}', values: '0.1x20'}
      - {series: 'salesforce_exporter_build_info{job="salesforce",instance="e:1",org="a",version="1.0.0"}', values: '1x9 stale'}
      - {series: 'salesforce_exporter_build_info{job="salesforce",instance="e:1",org="b",version="1.0.0"}', values: '1x20'}
      - {series: 'salesforce_exporter_build_info{job="salesforce",instance="e:2",org="c",version="1.0.0"}', values: '1x20'}
      - {series: 'salesforce_up{job="salesforce",instance="e:1",org="a"}', values: '1x9 stale'}
      - {series: 'salesforce_up{job="salesforce",instance="e:1",org="b"}', values: '1x20'}
      - {series: 'salesforce_up{job="salesforce",instance="e:2",org="c"}', values: '1x20'}
      """;

  @TempDir Path dir;

  @Test
  void anOrgThatFailsIsDownAndPerExporterPanelsStayPerExporterInBothConfigurations()
      throws Exception {
    String orgStatus = query("Salesforce limits / Overview", "Org status", 0);
    String orgsDown = query("Salesforce limits / Overview", "Orgs down", 0);
    String orgsWatched = query("Salesforce limits / Overview", "Orgs watched", 0);
    String orgUp = query("Salesforce limits / Exporter health", "Org up", 0);
    String versions = query("Salesforce limits / Exporter health", "Exporter versions", 0);
    String scrapeDuration = query("Salesforce limits / Exporter health", "Scrape duration", 0);
    String targets = query("Salesforce limits / Exporter health", "Scrape targets", 0);
    String failed = query("Salesforce limits / Exporter health", "Scrape targets", 1);

    String tests =
        test(
                "one target for all orgs, the refresh of org a fails",
                ONE_TARGET,
                check(orgStatus, "salesforce_up{job=\"salesforce\",instance=\"e:1\",org=\"a\"}", 0)
                    + sample("salesforce_up{job=\"salesforce\",instance=\"e:1\",org=\"b\"}", 1)
                    + sample("salesforce_up{job=\"salesforce\",instance=\"e:1\",org=\"c\"}", 1),
                check(orgUp, "salesforce_up{job=\"salesforce\",instance=\"e:1\",org=\"a\"}", 0)
                    + sample("salesforce_up{job=\"salesforce\",instance=\"e:1\",org=\"b\"}", 1)
                    + sample("salesforce_up{job=\"salesforce\",instance=\"e:1\",org=\"c\"}", 1),
                check(orgsDown, "{}", 1),
                check(orgsWatched, "{}", 3),
                check(versions, "{job=\"salesforce\",instance=\"e:1\",version=\"1.0.0\"}", 1),
                check(scrapeDuration, "{instance=\"e:1\"}", 0.2),
                check(targets, "{instance=\"e:1\"}", 1),
                check(failed, "{instance=\"e:1\"}", 0))
            + test(
                "one target per org on two replicas, the target of org a cannot be scraped",
                ONE_TARGET_PER_ORG,
                check(orgStatus, "up{job=\"salesforce\",instance=\"e:1\",org=\"a\"}", 0)
                    + sample("salesforce_up{job=\"salesforce\",instance=\"e:1\",org=\"b\"}", 1)
                    + sample("salesforce_up{job=\"salesforce\",instance=\"e:2\",org=\"c\"}", 1),
                check(orgUp, "up{job=\"salesforce\",instance=\"e:1\",org=\"a\"}", 0)
                    + sample("salesforce_up{job=\"salesforce\",instance=\"e:1\",org=\"b\"}", 1)
                    + sample("salesforce_up{job=\"salesforce\",instance=\"e:2\",org=\"c\"}", 1),
                check(orgsDown, "{}", 1),
                check(orgsWatched, "{}", 3),
                check(versions, "{job=\"salesforce\",instance=\"e:1\",version=\"1.0.0\"}", 1)
                    + sample("{job=\"salesforce\",instance=\"e:2\",version=\"1.0.0\"}", 1),
                check(scrapeDuration, "{instance=\"e:1\"}", 1) + sample("{instance=\"e:2\"}", 0.1),
                check(targets, "{instance=\"e:1\"}", 2) + sample("{instance=\"e:2\"}", 1),
                check(failed, "{instance=\"e:1\"}", 1) + sample("{instance=\"e:2\"}", 0));
    Path file =
        Files.writeString(
            dir.resolve("dashboards.test.yml"),
            "evaluation_interval: 1m\ntests:\n" + tests.indent(2));
    String promtool = ExternalTool.require("promtool", "prometheus").toString();
    ExternalTool.Result result = ExternalTool.run(null, promtool, "test", "rules", file.toString());
    assertEquals(0, result.exitCode(), result.output() + "\n" + Files.readString(file));
    assertTrue(result.output().contains("SUCCESS"), result.output());
  }

  private static String query(String dashboard, String panel, int index) throws Exception {
    List<Dashboards.Query> matching =
        Dashboards.queries().stream()
            .filter(q -> q.dashboard().equals(dashboard) && q.panel().equals(panel))
            .toList();
    assertTrue(matching.size() > index, dashboard + " / " + panel);
    String expr = matching.get(index).expr();
    for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
      expr = expr.replace(variable.getKey(), variable.getValue());
    }
    assertTrue(!expr.contains("'") && !expr.contains("\n"), expr);
    return expr;
  }

  private static String test(String name, String series, String... checks) {
    return "- name: '"
        + name
        + "'\n  interval: 1m\n  input_series:\n"
        + series.indent(2)
        + "  promql_expr_test:\n"
        + String.join("", checks).indent(4);
  }

  /** A check at 15m: the expression's first expected sample (more follow with sample()). */
  private static String check(String expr, String labels, double value) {
    return "- expr: '" + expr + "'\n  eval_time: 15m\n  exp_samples:\n" + sample(labels, value);
  }

  private static String sample(String labels, double value) {
    return "    - {labels: '" + labels + "', value: " + value + "}\n";
  }
}
