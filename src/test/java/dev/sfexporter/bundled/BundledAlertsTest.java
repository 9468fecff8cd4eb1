package dev.sfexporter.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The shipped alerts/ files, checked with the real promtool and amtool and by our own rules. */
class BundledAlertsTest {
  static final Path ALERTS = Path.of("alerts");
  static final List<Path> RULE_FILES =
      List.of(
          ALERTS.resolve("salesforce-recording-rules.yml"),
          ALERTS.resolve("salesforce-alerts.yml"),
          ALERTS.resolve("thresholds.example.yml"));

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(Path file) throws IOException {
    return (Map<String, Object>)
        new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rules(Path file) throws IOException {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) yaml(file).get("groups")) {
      rules.addAll((List<Map<String, Object>>) group.get("rules"));
    }
    return rules;
  }

  @Test
  void promtoolChecksTheRuleFiles() throws Exception {
    String promtool = ExternalTool.require("promtool", "prometheus").toString();
    List<String> command = new ArrayList<>(List.of(promtool, "check", "rules"));
    RULE_FILES.forEach(f -> command.add(f.toString()));
    ExternalTool.Result result = ExternalTool.run(null, command.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result.output());
    assertFalse(result.output().contains("FAILED"), result.output());
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    String promtool = ExternalTool.require("promtool", "prometheus").toString();
    List<String> command = new ArrayList<>(List.of(promtool, "test", "rules"));
    List<Path> tests;
    try (Stream<Path> files = Files.list(ALERTS.resolve("tests"))) {
      tests = files.filter(f -> f.toString().endsWith(".test.yml")).sorted().toList();
    }
    assertTrue(tests.size() >= 4, tests.toString());
    tests.forEach(f -> command.add(f.toString()));
    ExternalTool.Result result = ExternalTool.run(null, command.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result.output());
    assertEquals(tests.size(), result.output().split("SUCCESS", -1).length - 1, result.output());
  }

  @Test
  void amtoolAcceptsTheExampleAlertmanagerConfigAndRoutesBySeverity() throws Exception {
    String amtool = ExternalTool.require("amtool", "prometheus-alertmanager").toString();
    String config = ALERTS.resolve("alertmanager.yml").toString();
    ExternalTool.Result check = ExternalTool.run(null, amtool, "check-config", config);
    assertEquals(0, check.exitCode(), check.output());
    ExternalTool.Result critical =
        ExternalTool.run(
            null,
            amtool,
            "config",
            "routes",
            "test",
            "--config.file=" + config,
            "severity=critical",
            "org=prod");
    assertTrue(critical.output().contains("salesforce-pager"), critical.output());
    ExternalTool.Result warning =
        ExternalTool.run(
            null,
            amtool,
            "config",
            "routes",
            "test",
            "--config.file=" + config,
            "severity=warning",
            "org=prod");
    assertTrue(warning.output().contains("salesforce-chat"), warning.output());
    ExternalTool.Result info =
        ExternalTool.run(
            null, amtool, "config", "routes", "test", "--config.file=" + config, "severity=info");
    assertTrue(info.output().contains("salesforce-chat"), info.output());
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAlertHasSeverityTextAndARunbookSectionThatExists() throws Exception {
    Set<String> anchors = runbookAnchors();
    List<Map<String, Object>> alerts = rules(ALERTS.resolve("salesforce-alerts.yml"));
    assertTrue(alerts.size() >= 9);
    for (Map<String, Object> alert : alerts) {
      String name = (String) alert.get("alert");
      Map<String, String> labels = (Map<String, String>) alert.get("labels");
      Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
      assertTrue(Set.of("info", "warning", "critical").contains(labels.get("severity")), name);
      assertFalse(annotations.getOrDefault("summary", "").isBlank(), name);
      assertFalse(annotations.getOrDefault("description", "").isBlank(), name);
      String runbook = annotations.get("runbook_url");
      assertTrue(
          runbook.endsWith("docs/runbook.md#" + name.toLowerCase(Locale.ROOT)),
          name + ": " + runbook);
      assertTrue(
          anchors.contains(name.toLowerCase(Locale.ROOT)),
          "docs/runbook.md has no section " + name);
    }
  }

  @Test
  void everyAlertHasAUnitTestWhereItFiresAndOneWhereItMustNot() throws Exception {
    Set<String> fires = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    try (Stream<Path> files = Files.list(ALERTS.resolve("tests"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".test.yml")).toList()) {
        PromtoolTests.collectAlertChecks(yaml(file), fires, quiet);
      }
    }
    for (Map<String, Object> alert : rules(ALERTS.resolve("salesforce-alerts.yml"))) {
      String name = (String) alert.get("alert");
      assertTrue(fires.contains(name), name + " has no unit test where it fires");
      assertTrue(quiet.contains(name), name + " has no unit test where it must not fire");
    }
  }

  @Test
  void theExampleAlertmanagerConfigInhibitsOneCauseNotifyingTwice() throws Exception {
    Map<String, Object> config = yaml(ALERTS.resolve("alertmanager.yml"));
    for (List<String> pair :
        List.of(
            List.of("SalesforceLimitUsageCritical", "SalesforceLimitUsageWarning"),
            List.of("SalesforceLimitUsageCritical", "SalesforceLimitExhaustionPredicted"),
            List.of("SalesforceExporterDown", "SalesforceExporterAbsent"),
            List.of("SalesforceExporterDown", "SalesforceOrgDown"),
            List.of("SalesforceExporterDown", "SalesforceOrgScrapeFailing"),
            List.of("SalesforceOrgDown", "SalesforceLimitsStale"),
            List.of("SalesforceOrgAuthFailing", "SalesforceLimitsStale"),
            List.of("SalesforceApiRequestLimitExceeded", "SalesforceLimitsStale"))) {
      assertTrue(
          PromtoolTests.inhibits(config, pair.get(0), pair.get(1)),
          pair.get(0) + " should inhibit " + pair.get(1));
    }
    assertFalse(
        PromtoolTests.inhibits(
            config, "SalesforceLimitUsageWarning", "SalesforceLimitUsageCritical"),
        "a warning must never silence a critical alert");
  }

  @Test
  void theReadmeOverrideExampleIsTheFileTheTestsLoad() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int section = readme.indexOf("### Different thresholds");
    assertTrue(section >= 0, "README section on thresholds");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String example = readme.substring(start, readme.indexOf("```", start));
    assertTrue(example.contains("salesforce_limit_alerts_disabled"), example);
    assertTrue(
        Files.readString(ALERTS.resolve("thresholds.example.yml")).contains(example),
        "the README's override example must be a verbatim part of alerts/thresholds.example.yml");
  }

  @Test
  void recordingRulesFollowTheNamingConvention() throws Exception {
    for (Path file : List.of(ALERTS.resolve("salesforce-recording-rules.yml"))) {
      for (Map<String, Object> rule : rules(file)) {
        String name = (String) rule.get("record");
        assertTrue(name.matches("[a-z_]+:[a-z_]+:[a-z0-9_]+"), "level:metric:operations: " + name);
      }
    }
  }

  static Set<String> runbookAnchors() throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line : Files.readAllLines(Path.of("docs/runbook.md"))) {
      if (line.startsWith("## ")) {
        anchors.add(
            line.substring(3)
                .strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 -]", "")
                .replace(' ', '-'));
      }
    }
    return anchors;
  }
}
