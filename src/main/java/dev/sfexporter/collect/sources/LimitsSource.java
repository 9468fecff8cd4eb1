package dev.sfexporter.collect.sources;

import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.config.Sources;
import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.Limit;
import dev.sfexporter.salesforce.LimitsParser;
import dev.sfexporter.salesforce.OrgClient;
import dev.sfexporter.salesforce.OrgLimits;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code limits} source: {@code GET /limits}, and the four {@code salesforce_limit_*} families.
 */
public final class LimitsSource implements Source<OrgLimits> {
  public static final LimitsSource INSTANCE = new LimitsSource();
  public static final String ENDPOINT = "limits";

  static final String LIMIT_MAX = "salesforce_limit_max";
  static final String LIMIT_REMAINING = "salesforce_limit_remaining";
  static final String APP_MAX = "salesforce_limit_app_max";
  static final String APP_REMAINING = "salesforce_limit_app_remaining";

  private static final List<MetricFamilyDescriptor> FAMILIES =
      List.of(
          Families.gauge(
              LIMIT_MAX,
              "Max of a Salesforce org limit, in the limit's own unit, as /limits reports it.",
              "org",
              "limit"),
          Families.gauge(
              LIMIT_REMAINING,
              "Remaining of a Salesforce org limit; negative when the org is over its"
                  + " entitlement.",
              "org",
              "limit"),
          Families.gauge(
              APP_MAX,
              "Max of a nested limit: a connected app's quota or a named sub-limit.",
              "org",
              "limit",
              "app"),
          Families.gauge(
              APP_REMAINING,
              "Remaining of a nested limit: a connected app's quota or a named sub-limit.",
              "org",
              "limit",
              "app"));

  private LimitsSource() {}

  @Override
  public String name() {
    return Sources.LIMITS;
  }

  @Override
  public List<MetricFamilyDescriptor> families() {
    return FAMILIES;
  }

  @Override
  public CompletableFuture<OrgLimits> fetch(
      OrgClient client, SourceConfig settings, OrgLimits previous, Deadline deadline) {
    return client.get("/limits", ENDPOINT, deadline, LimitsParser::parse);
  }

  @Override
  public int callsPerRefresh() {
    return 1;
  }

  @Override
  public String permission() {
    return "the API Enabled permission";
  }

  @Override
  public void write(SampleSink out, String org, OrgLimits limits) {
    for (Limit limit : limits.limits()) {
      if (limit.isNested()) {
        Labels labels = Labels.of("org", org, "limit", limit.name(), "app", limit.app());
        out.gauge(APP_MAX, labels, limit.max());
        out.gauge(APP_REMAINING, labels, limit.remaining());
      } else {
        Labels labels = Labels.of("org", org, "limit", limit.name());
        out.gauge(LIMIT_MAX, labels, limit.max());
        out.gauge(LIMIT_REMAINING, labels, limit.remaining());
      }
    }
  }
}
