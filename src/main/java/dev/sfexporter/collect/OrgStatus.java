package dev.sfexporter.collect;

import static dev.sfexporter.collect.MetricFamilies.*;

import dev.sfexporter.collect.sources.OrgFactsSource.OrgFacts;
import dev.sfexporter.collect.sources.SampleSink;
import dev.sfexporter.salesforce.FailureReason;
import dev.sfexporter.salesforce.OrgClient;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scrape serves about one org beside its source data: each served source's up and last
 * success, the limits refresh (up, duration, last success, failures by reason), the org's identity
 * and facts ({@code salesforce_org_info}), and the exporter's calls. Plain values only, and the
 * samples are written from these alone: equal states write equal samples, so the text formats
 * render them again only when they change ({@link StatusLines}).
 *
 * @param limits null when the limits source is off
 * @param identity null when info is not wanted or the org is not signed in yet
 */
record OrgStatus(
    String org,
    List<SourceStatus> sources,
    LimitsStatus limits,
    OrgClient.Identity identity,
    OrgFacts facts,
    List<ApiCallCounters.Count> calls) {

  record SourceStatus(String source, boolean up, Instant lastSuccessAt) {}

  /**
   * @param failures by reason, in {@link FailureReason} order
   */
  record LimitsStatus(boolean up, Duration duration, Instant lastSuccessAt, List<Long> failures) {}

  /** Where the samples go: client_java's data points, or sample lines. */
  interface Sink extends SampleSink {
    void counter(String family, Labels labels, double value);
  }

  static OrgStatus of(
      WatchedOrg org,
      List<SourceSlot.Served<?>> served,
      boolean withInfo,
      List<ApiCallCounters.Count> calls) {
    List<SourceStatus> sources = new ArrayList<>(served.size());
    LimitsStatus limits = null;
    for (SourceSlot.Served<?> source : served) {
      SourceView<?> view = source.view();
      sources.add(new SourceStatus(source.slot().source().name(), view.up(), view.lastSuccessAt()));
      if (source.slot() == org.limits()) {
        List<Long> failures = new ArrayList<>(FailureReason.values().length);
        for (FailureReason reason : FailureReason.values()) {
          failures.add(source.slot().refresher().failures(reason));
        }
        limits = new LimitsStatus(view.up(), view.duration(), view.lastSuccessAt(), failures);
      }
    }
    OrgClient.Identity identity = withInfo ? org.client().identity() : null;
    OrgFacts facts = identity == null ? null : org.facts();
    return new OrgStatus(org.name(), sources, limits, identity, facts, calls);
  }

  void write(Sink out) {
    for (SourceStatus source : sources) {
      Labels labels = Labels.of("org", org, "source", source.source());
      out.gauge(SOURCE_UP, labels, source.up() ? 1 : 0);
      if (source.lastSuccessAt() != null) {
        out.gauge(SOURCE_LAST_SUCCESS, labels, source.lastSuccessAt().toEpochMilli() / 1e3);
      }
    }
    if (limits != null) {
      writeLimits(out);
    }
    if (identity != null) {
      writeInfo(out);
    }
    for (ApiCallCounters.Count count : calls) {
      Labels labels = Labels.of("org", count.org(), "endpoint", count.endpoint());
      out.counter(API_REQUESTS, labels, count.requests());
      out.counter(API_FAILURES, labels, count.failures());
    }
  }

  private void writeLimits(Sink out) {
    Labels orgLabel = Labels.of("org", org);
    out.gauge(UP, orgLabel, limits.up() ? 1 : 0);
    out.gauge(REFRESH_DURATION, orgLabel, limits.duration().toNanos() / 1e9);
    if (limits.lastSuccessAt() != null) {
      out.gauge(LAST_REFRESH, orgLabel, limits.lastSuccessAt().toEpochMilli() / 1e3);
    }
    FailureReason[] reasons = FailureReason.values();
    for (int i = 0; i < reasons.length; i++) {
      out.counter(
          REFRESH_FAILURES,
          Labels.of("org", org, "reason", reasons[i].label()),
          limits.failures().get(i));
    }
  }

  private void writeInfo(Sink out) {
    out.gauge(
        ORG_INFO,
        Labels.of(
            "org",
            org,
            "org_id",
            identity.orgId(),
            "instance_url",
            identity.instanceUrl().toString(),
            "api_version",
            identity.apiVersion(),
            "edition",
            facts == null ? "" : facts.edition(),
            "instance",
            facts == null ? "" : facts.instance(),
            "sandbox",
            facts == null ? "" : String.valueOf(facts.sandbox())),
        1);
  }
}
