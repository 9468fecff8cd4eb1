package dev.sfexporter;

import dev.sfexporter.collect.CallsPerDay;
import dev.sfexporter.collect.SourceSlot;
import dev.sfexporter.collect.SourceState;
import dev.sfexporter.collect.WatchedOrg;
import dev.sfexporter.collect.WatchedOrgs;
import dev.sfexporter.config.Durations;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.http.ExporterStatus;
import dev.sfexporter.salesforce.OrgClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The landing page's view of the watched orgs: names, URLs and states, never credentials. */
final class StatusView implements ExporterStatus {
  private final String version;
  private final boolean demo;
  private final WatchedOrgs orgs;
  private final Clock clock;

  StatusView(String version, boolean demo, WatchedOrgs orgs, Clock clock) {
    this.version = version;
    this.demo = demo;
    this.orgs = orgs;
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
  public List<OrgRow> orgs() {
    return orgs.all().stream().map(this::row).toList();
  }

  private OrgRow row(WatchedOrg org) {
    OrgConfig config = org.config();
    Instant now = clock.instant();
    StringBuilder shown = new StringBuilder();
    SourceState<?> limits = null;
    for (SourceSlot<?> source : org.sources()) {
      SourceState<?> state = source.refresher().state();
      String name = source.source().name();
      if (source == org.limits()) {
        limits = state;
        shown.insert(0, describe(state, source.settings().interval(), now));
      } else {
        shown.append(shown.length() == 0 ? "" : "; ").append(name).append(' ');
        shown.append(describe(state, source.settings().interval(), now));
      }
    }
    String lastSuccess =
        limits == null || limits.lastSuccessAt() == null
            ? "never"
            : limits.lastSuccessAt() + " (" + ago(limits.lastSuccessAt(), now) + ")";
    String lastError = limits == null || limits.error() == null ? "" : limits.error();
    for (SourceSlot<?> source : org.sources()) {
      String error = source.refresher().state().error();
      if (source != org.limits() && error != null) {
        lastError += (lastError.isEmpty() ? "" : "; ") + source.source().name() + ": " + error;
      }
    }
    OrgClient.Identity identity = org.client().identity();
    return new OrgRow(
        config.name(),
        config.loginUrl().toString(),
        config.auth().type().configName(),
        config.apiVersion() + (identity == null ? "" : " (using " + identity.apiVersion() + ")"),
        Durations.format(config.refreshInterval())
            + " (about "
            + CallsPerDay.of(config).describe()
            + " calls a day)",
        shown.toString(),
        lastSuccess,
        lastError,
        org.authState());
  }

  private static String describe(SourceState<?> state, Duration interval, Instant now) {
    if (state.lastAttemptAt() == null) {
      return "not scraped yet";
    }
    if (state.up()) {
      return "up";
    }
    return "down ("
        + state.reason().label()
        + ", "
        + state.failuresInARow()
        + " failed in a row; next attempt in "
        + ago(now, state.nextAttemptAt(interval)).replace(" ago", "")
        + ")";
  }

  private static String ago(Instant from, Instant to) {
    long seconds = Math.max(0, Duration.between(from, to).toSeconds());
    return Durations.format(Duration.ofSeconds(seconds)) + " ago";
  }
}
