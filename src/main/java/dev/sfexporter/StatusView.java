package dev.sfexporter;

import dev.sfexporter.collect.CallsPerDay;
import dev.sfexporter.collect.SourceState;
import dev.sfexporter.collect.WatchedOrg;
import dev.sfexporter.collect.WatchedOrgs;
import dev.sfexporter.config.Durations;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.http.ExporterStatus;
import dev.sfexporter.salesforce.OrgClient;
import dev.sfexporter.salesforce.OrgLimits;
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
    SourceState<OrgLimits> state = org.limits().state();
    Instant now = clock.instant();
    String shown;
    if (state.lastAttemptAt() == null) {
      shown = "not scraped yet";
    } else if (state.up()) {
      shown = "up";
    } else {
      Instant next = state.nextAttemptAt(config.refreshInterval());
      shown =
          "down ("
              + state.reason().label()
              + ", "
              + state.failuresInARow()
              + " failed in a row; next attempt in "
              + ago(now, next).replace(" ago", "")
              + ")";
    }
    String lastSuccess =
        state.lastSuccessAt() == null
            ? "never"
            : state.lastSuccessAt() + " (" + ago(state.lastSuccessAt(), now) + ")";
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
        shown,
        lastSuccess,
        state.error() == null ? "" : state.error(),
        org.authState());
  }

  private static String ago(Instant from, Instant to) {
    long seconds = Math.max(0, Duration.between(from, to).toSeconds());
    return Durations.format(Duration.ofSeconds(seconds)) + " ago";
  }
}
