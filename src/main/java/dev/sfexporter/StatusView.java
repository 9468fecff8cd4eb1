package dev.sfexporter;

import dev.sfexporter.collect.ApiCallCounters;
import dev.sfexporter.collect.CallsPerDay;
import dev.sfexporter.collect.RecentCalls;
import dev.sfexporter.collect.SourceSlot;
import dev.sfexporter.collect.SourceState;
import dev.sfexporter.collect.WatchedOrg;
import dev.sfexporter.collect.WatchedOrgs;
import dev.sfexporter.collect.sources.OrgFactsSource.OrgFacts;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.Sources;
import dev.sfexporter.http.ExporterStatus;
import dev.sfexporter.http.pages.Connection;
import dev.sfexporter.http.pages.Health;
import dev.sfexporter.http.pages.OrgGlance;
import dev.sfexporter.http.pages.OwnCalls;
import dev.sfexporter.http.pages.SourceStatus;
import dev.sfexporter.salesforce.OrgClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Adapts the collectors' cached state into what the landing pages show. Reads only: it never starts
 * a refresh, so opening a page never calls Salesforce. Credentials are never read.
 */
final class StatusView implements ExporterStatus {
  /**
   * An org whose refresh was due this long ago without one is stale (nobody scrapes): with the
   * default 5 m interval that is 15 min, when the bundled SalesforceLimitsStale alert fires.
   */
  static final Duration STALE_GRACE = Duration.ofMinutes(10);

  private final String version;
  private final boolean demo;
  private final WatchedOrgs orgs;
  private final ApiCallCounters counters;
  private final Clock clock;

  StatusView(
      String version, boolean demo, WatchedOrgs orgs, ApiCallCounters counters, Clock clock) {
    this.version = version;
    this.demo = demo;
    this.orgs = orgs;
    this.counters = counters;
    this.clock = clock;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public boolean demo() {
    return demo;
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public List<OrgGlance> orgs() {
    Map<String, Map<String, Long>> sinceStart = sinceStart();
    return orgs.all().stream().map(org -> glance(org, sinceStart)).toList();
  }

  @Override
  public Optional<OrgGlance> org(String name) {
    return orgs.all().stream()
        .filter(org -> org.name().equals(name))
        .findFirst()
        .map(org -> glance(org, sinceStart()));
  }

  private OrgGlance glance(WatchedOrg org, Map<String, Map<String, Long>> sinceStart) {
    Instant now = clock.instant();
    OrgFacts facts = SourceValues.served(org, Sources.ORG);
    SourceValues values = SourceValues.of(org);
    return new OrgGlance(
        org.name(),
        health(org, now),
        connection(org, facts),
        org.sources().stream().map(StatusView::source).toList(),
        values.dailyApiRequests(),
        values.limits(),
        values.licenses(),
        values.entitlements(),
        values.consumers(),
        ownCalls(org.config(), sinceStart.getOrDefault(org.name(), Map.of())));
  }

  private static Health health(WatchedOrg org, Instant now) {
    SourceSlot<?> main = org.limits() != null ? org.limits() : worst(org.sources());
    if (main == null) {
      return new Health(Health.State.WAITING, null, null, null, 0, null);
    }
    SourceState<?> state = main.refresher().state();
    if (state.lastAttemptAt() == null) {
      return new Health(Health.State.WAITING, null, null, null, 0, null);
    }
    if (!state.up()) {
      return new Health(
          Health.State.DOWN,
          state.lastSuccessAt(),
          state.reason().label(),
          state.error(),
          state.failuresInARow(),
          state.nextAttemptAt(main.settings().interval()));
    }
    Duration staleAfter = main.settings().interval().plus(STALE_GRACE);
    boolean stale = state.lastSuccessAt().plus(staleAfter).isBefore(now);
    return new Health(
        stale ? Health.State.STALE : Health.State.UP, state.lastSuccessAt(), null, null, 0, null);
  }

  /** With the limits source off: a down source if there is one, else the first. */
  private static SourceSlot<?> worst(List<SourceSlot<?>> sources) {
    return sources.stream()
        .filter(s -> s.refresher().state().reason() != null)
        .findFirst()
        .orElse(sources.isEmpty() ? null : sources.get(0));
  }

  private static SourceStatus source(SourceSlot<?> slot) {
    SourceState<?> state = slot.refresher().state();
    Duration interval = slot.settings().interval();
    boolean attempted = state.lastAttemptAt() != null;
    return new SourceStatus(
        slot.source().name(),
        !attempted ? "waiting" : state.up() ? "up" : "down",
        interval.toSeconds(),
        state.lastSuccessAt(),
        state.lastAttemptAt(),
        attempted ? state.nextAttemptAt(interval) : null,
        state.reason() == null ? null : state.reason().label(),
        state.error(),
        state.failuresInARow());
  }

  private static Connection connection(WatchedOrg org, OrgFacts facts) {
    OrgConfig config = org.config();
    OrgClient.Identity identity = org.client().identity();
    return new Connection(
        config.loginUrl().toString(),
        config.auth().type().configName(),
        org.authState(),
        config.apiVersion(),
        identity == null ? null : identity.apiVersion(),
        identity == null ? null : identity.orgId(),
        identity == null ? null : identity.instanceUrl().toString(),
        config.refreshInterval().toSeconds(),
        config.timeout().toSeconds(),
        config.maxStaleness().toSeconds(),
        facts == null ? null : facts.edition(),
        facts == null ? null : facts.instance(),
        facts == null ? null : facts.sandbox());
  }

  private OwnCalls ownCalls(OrgConfig config, Map<String, Long> sinceStart) {
    RecentCalls.Window window = counters.lastDay(config.name());
    CallsPerDay expected = CallsPerDay.of(config);
    return new OwnCalls(
        window.since(),
        window.requests().values().stream().mapToLong(Long::longValue).sum(),
        window.failures().values().stream().mapToLong(Long::longValue).sum(),
        window.requests(),
        window.failures(),
        expected.api(),
        expected.describe(),
        sinceStart);
  }

  private Map<String, Map<String, Long>> sinceStart() {
    Map<String, Map<String, Long>> byOrg = new TreeMap<>();
    for (ApiCallCounters.Count count : counters.snapshot()) {
      byOrg
          .computeIfAbsent(count.org(), o -> new TreeMap<>())
          .put(count.endpoint(), count.requests());
    }
    return byOrg;
  }
}
