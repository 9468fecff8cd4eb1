package dev.sfexporter;

import dev.sfexporter.collect.OrgRefresher;
import dev.sfexporter.collect.OrgState;
import dev.sfexporter.collect.WatchedOrgs;
import dev.sfexporter.config.Durations;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.http.ExporterStatus;
import java.time.Clock;
import java.time.Duration;
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

  private OrgRow row(OrgRefresher org) {
    OrgConfig config = org.config();
    OrgState state = org.state();
    String shown = state == null ? "not scraped yet" : state.up() ? "up" : "down";
    String lastSuccess =
        state == null || state.lastSuccessAt() == null
            ? "never"
            : state.lastSuccessAt()
                + " ("
                + Durations.format(
                    Duration.ofSeconds(
                        Duration.between(state.lastSuccessAt(), clock.instant()).toSeconds()))
                + " ago)";
    return new OrgRow(
        config.name(),
        config.loginUrl().toString(),
        config.auth().type().configName(),
        config.apiVersion(),
        Durations.format(config.refreshInterval()),
        shown,
        lastSuccess,
        state == null || state.error() == null ? "" : state.error(),
        org.authState());
  }
}
