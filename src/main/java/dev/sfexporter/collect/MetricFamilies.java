package dev.sfexporter.collect;

import dev.sfexporter.collect.sources.AllSources;
import dev.sfexporter.collect.sources.Source;
import dev.sfexporter.config.Sources;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The metric families this exporter owns (see CONTRACT.md), declared once: the org-level ones here,
 * each source's own in its class.
 */
final class MetricFamilies {
  static final String UP = "salesforce_up";
  static final String REFRESH_DURATION = "salesforce_refresh_duration_seconds";
  static final String LAST_REFRESH = "salesforce_last_refresh_timestamp_seconds";
  static final String ORG_INFO = "salesforce_org_info";
  static final String SOURCE_UP = "salesforce_source_up";
  static final String SOURCE_LAST_SUCCESS = "salesforce_source_last_success_timestamp_seconds";

  /** Counters: the exposition adds {@code _total}. */
  static final String REFRESH_FAILURES = "salesforce_refresh_failures";

  static final String API_REQUESTS = "salesforce_exporter_api_requests";
  static final String API_FAILURES = "salesforce_exporter_api_request_failures";
  static final String BUILD_INFO = "salesforce_exporter_build_info";

  /** Families about the {@code limits} refresh itself. */
  static final Set<String> OF_LIMITS = Set.of(UP, REFRESH_DURATION, LAST_REFRESH, REFRESH_FAILURES);

  private static final List<MetricFamilyDescriptor> ORG_LEVEL =
      List.of(
          MetricFamilyDescriptor.gauge(UP)
              .help(
                  "1 if the latest refresh of the org's limits succeeded, else 0 (limit series"
                      + " may still show last known values).")
              .labelNames("org")
              .build(),
          MetricFamilyDescriptor.gauge(REFRESH_DURATION)
              .help("Wall time of the latest refresh attempt of the org's limits, auth included.")
              .unit(Unit.SECONDS)
              .labelNames("org")
              .build(),
          MetricFamilyDescriptor.gauge(LAST_REFRESH)
              .help("Unix time of the latest successful refresh of the org's limits.")
              .unit(Unit.SECONDS)
              .labelNames("org")
              .build(),
          MetricFamilyDescriptor.counter(REFRESH_FAILURES)
              .help(
                  "Failed refreshes of the org's limits by reason: auth, session,"
                      + " request_limit_exceeded, http_4xx, http_5xx, timeout, network,"
                      + " invalid_response.")
              .labelNames("org", "reason")
              .build(),
          MetricFamilyDescriptor.gauge(ORG_INFO)
              .help(
                  "Constant 1: the org's id, instance, API version in use, and, from the org"
                      + " source, edition, instance name and whether it is a sandbox.")
              .labelNames(
                  "org", "org_id", "instance_url", "api_version", "edition", "instance", "sandbox")
              .build(),
          MetricFamilyDescriptor.gauge(SOURCE_UP)
              .help("1 if the latest refresh of the source succeeded, else 0.")
              .labelNames("org", "source")
              .build(),
          MetricFamilyDescriptor.gauge(SOURCE_LAST_SUCCESS)
              .help("Unix time of the source's latest successful refresh.")
              .unit(Unit.SECONDS)
              .labelNames("org", "source")
              .build());

  private static final List<MetricFamilyDescriptor> EXPORTER =
      List.of(
          MetricFamilyDescriptor.counter(API_REQUESTS)
              .help("Salesforce API calls this exporter made, by endpoint: its own cost.")
              .labelNames("org", "endpoint")
              .build(),
          MetricFamilyDescriptor.counter(API_FAILURES)
              .help(
                  "Salesforce API calls this exporter made that failed (transport error,"
                      + " non-2xx answer, unparseable body).")
              .labelNames("org", "endpoint")
              .build(),
          MetricFamilyDescriptor.gauge(BUILD_INFO)
              .help("Constant 1, labelled with the exporter's version.")
              .labelNames("version")
              .build());

  static final List<MetricFamilyDescriptor> ALL = all();

  private MetricFamilies() {}

  private static List<MetricFamilyDescriptor> all() {
    List<MetricFamilyDescriptor> all = new ArrayList<>();
    for (Source<?> source : AllSources.ALL) {
      all.addAll(source.families());
    }
    all.addAll(ORG_LEVEL);
    all.addAll(EXPORTER);
    return List.copyOf(all);
  }

  /** Whether a scrape with this name filter needs {@code source} refreshed. */
  static boolean wants(Predicate<String> included, Source<?> source) {
    if (included.test(SOURCE_UP) || included.test(SOURCE_LAST_SUCCESS)) {
      return true;
    }
    for (MetricFamilyDescriptor family : source.families()) {
      if (included.test(family.getPrometheusName())) {
        return true;
      }
    }
    boolean limits = source.name().equals(Sources.LIMITS);
    if (limits && OF_LIMITS.stream().anyMatch(included)) {
      return true;
    }
    return (limits || source.name().equals(Sources.ORG)) && included.test(ORG_INFO);
  }
}
