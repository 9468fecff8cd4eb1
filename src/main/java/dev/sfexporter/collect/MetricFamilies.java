package dev.sfexporter.collect;

import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Set;

/** The metric families this exporter owns (see CONTRACT.md), declared once. */
final class MetricFamilies {
  static final String LIMIT_MAX = "salesforce_limit_max";
  static final String LIMIT_REMAINING = "salesforce_limit_remaining";
  static final String APP_MAX = "salesforce_limit_app_max";
  static final String APP_REMAINING = "salesforce_limit_app_remaining";
  static final String UP = "salesforce_up";
  static final String REFRESH_DURATION = "salesforce_refresh_duration_seconds";
  static final String LAST_REFRESH = "salesforce_last_refresh_timestamp_seconds";
  static final String ORG_INFO = "salesforce_org_info";

  /** Counters: the exposition adds {@code _total}. */
  static final String REFRESH_FAILURES = "salesforce_refresh_failures";

  static final String API_REQUESTS = "salesforce_exporter_api_requests";
  static final String API_FAILURES = "salesforce_exporter_api_request_failures";
  static final String BUILD_INFO = "salesforce_exporter_build_info";

  /** Families whose values come from a refresh; a scrape that wants none of them calls nobody. */
  static final Set<String> NEED_REFRESH =
      Set.of(
          LIMIT_MAX,
          LIMIT_REMAINING,
          APP_MAX,
          APP_REMAINING,
          UP,
          REFRESH_DURATION,
          LAST_REFRESH,
          ORG_INFO,
          REFRESH_FAILURES);

  static final List<MetricFamilyDescriptor> ALL =
      List.of(
          MetricFamilyDescriptor.gauge(LIMIT_MAX)
              .help(
                  "Max of a Salesforce org limit, in the limit's own unit, as /limits reports it.")
              .labelNames("org", "limit")
              .build(),
          MetricFamilyDescriptor.gauge(LIMIT_REMAINING)
              .help(
                  "Remaining of a Salesforce org limit; negative when the org is over its"
                      + " entitlement.")
              .labelNames("org", "limit")
              .build(),
          MetricFamilyDescriptor.gauge(APP_MAX)
              .help("Max of a nested limit: a connected app's quota or a named sub-limit.")
              .labelNames("org", "limit", "app")
              .build(),
          MetricFamilyDescriptor.gauge(APP_REMAINING)
              .help("Remaining of a nested limit: a connected app's quota or a named sub-limit.")
              .labelNames("org", "limit", "app")
              .build(),
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
              .help("Constant 1: the org's id, instance and the API version in use.")
              .labelNames("org", "org_id", "instance_url", "api_version")
              .build(),
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

  private MetricFamilies() {}
}
