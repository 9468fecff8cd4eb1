package dev.sfexporter.bundled;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads promtool test files and Alertmanager inhibitions, for the checks of the bundled files. */
final class PromtoolTests {
  private static final Pattern ALERTNAME = Pattern.compile("alertname=\"(\\w+)\"");
  private static final Pattern MATCHER = Pattern.compile("alertname(=~?)\"([^\"]*)\"");

  private PromtoolTests() {}

  /**
   * Alerts that a test expects firing, and alerts that a test expects absent: from {@code
   * alert_rule_test} and from {@code ALERTS{alertname="..."}} expression tests.
   */
  @SuppressWarnings("unchecked")
  static void collectAlertChecks(
      Map<String, Object> testFile, Set<String> fires, Set<String> quiet) {
    for (Map<String, Object> test : (List<Map<String, Object>>) testFile.get("tests")) {
      for (Map<String, Object> check :
          (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
        List<?> expected = (List<?>) check.get("exp_alerts");
        (expected == null || expected.isEmpty() ? quiet : fires)
            .add((String) check.get("alertname"));
      }
      for (Map<String, Object> check :
          (List<Map<String, Object>>) test.getOrDefault("promql_expr_test", List.of())) {
        String expr = (String) check.get("expr");
        Matcher name = ALERTNAME.matcher(expr);
        if (!expr.contains("ALERTS{") || !name.find()) {
          continue;
        }
        List<Map<String, Object>> samples =
            (List<Map<String, Object>>) check.getOrDefault("exp_samples", List.of());
        if (samples == null || samples.isEmpty()) {
          quiet.add(name.group(1));
        } else if (samples.stream()
            .anyMatch(s -> String.valueOf(s.get("labels")).contains("alertstate=\"firing\""))) {
          fires.add(name.group(1));
        }
      }
    }
  }

  /** Whether an inhibit rule of the Alertmanager config lets {@code source} mute {@code target}. */
  @SuppressWarnings("unchecked")
  static boolean inhibits(Map<String, Object> config, String source, String target) {
    for (Map<String, Object> rule : (List<Map<String, Object>>) config.get("inhibit_rules")) {
      if (matches((List<String>) rule.get("source_matchers"), source)
          && matches((List<String>) rule.get("target_matchers"), target)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(List<String> matchers, String alertname) {
    for (String matcher : matchers) {
      Matcher m = MATCHER.matcher(matcher);
      if (m.find()) {
        return m.group(1).equals("=~")
            ? alertname.matches(m.group(2))
            : alertname.equals(m.group(2));
      }
    }
    return false;
  }
}
