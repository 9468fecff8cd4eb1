package dev.sfexporter.collect;

import static dev.sfexporter.collect.MetricFamilies.APP_MAX;
import static dev.sfexporter.collect.MetricFamilies.APP_REMAINING;
import static dev.sfexporter.collect.MetricFamilies.LIMIT_MAX;
import static dev.sfexporter.collect.MetricFamilies.LIMIT_REMAINING;

import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.Limit;
import dev.sfexporter.salesforce.LimitsParser;
import dev.sfexporter.salesforce.OrgClient;
import dev.sfexporter.salesforce.OrgLimits;
import dev.sfexporter.salesforce.SalesforceException;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * The {@code limits} source: {@code GET /limits}, and the four {@code salesforce_limit_*} families.
 */
final class LimitsSource {
  static final String NAME = "limits";
  static final String ENDPOINT = "limits";

  private LimitsSource() {}

  static OrgLimits fetch(OrgClient client, Deadline deadline) throws SalesforceException {
    return client.get("/limits", ENDPOINT, deadline, LimitsParser::parse);
  }

  static void write(SnapshotWriter writer, String org, OrgLimits limits) {
    for (Limit limit : limits.limits()) {
      if (limit.isNested()) {
        Labels labels = Labels.of("org", org, "limit", limit.name(), "app", limit.app());
        writer.gauge(APP_MAX, labels, limit.max());
        writer.gauge(APP_REMAINING, labels, limit.remaining());
      } else {
        Labels labels = Labels.of("org", org, "limit", limit.name());
        writer.gauge(LIMIT_MAX, labels, limit.max());
        writer.gauge(LIMIT_REMAINING, labels, limit.remaining());
      }
    }
  }
}
