package dev.sfexporter.collect;

import dev.sfexporter.collect.sources.AllSources;
import dev.sfexporter.collect.sources.LimitsSource;
import dev.sfexporter.collect.sources.OrgFactsSource;
import dev.sfexporter.collect.sources.OrgFactsSource.OrgFacts;
import dev.sfexporter.collect.sources.Source;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.salesforce.OrgClient;
import dev.sfexporter.salesforce.OrgLimits;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One watched org: its configuration, its Salesforce client (token and API version) and its enabled
 * sources, each refreshed on its own schedule.
 */
public final class WatchedOrg {
  private volatile OrgConfig config;
  private final OrgClient client;
  private final Clock clock;
  private final RefreshThreads threads;
  private volatile Map<String, SourceSlot<?>> slots = Map.of();
  private final StatusLines statusLines = new StatusLines();

  WatchedOrg(OrgConfig config, OrgClient client, Clock clock, RefreshThreads threads) {
    this.config = config;
    this.client = client;
    this.clock = clock;
    this.threads = threads;
    slots = slotsFor(config);
  }

  public OrgConfig config() {
    return config;
  }

  public String name() {
    return config.name();
  }

  public OrgClient client() {
    return client;
  }

  /** The enabled sources, in {@link AllSources} order. */
  public List<SourceSlot<?>> sources() {
    return List.copyOf(slots.values());
  }

  /** The limits source, or null when it is disabled. */
  @SuppressWarnings("unchecked")
  public SourceSlot<OrgLimits> limits() {
    return (SourceSlot<OrgLimits>) slots.get(LimitsSource.INSTANCE.name());
  }

  /** The last known org facts, or null (source disabled, or not read yet). */
  @SuppressWarnings("unchecked")
  OrgFacts facts() {
    SourceSlot<OrgFacts> facts = (SourceSlot<OrgFacts>) slots.get(OrgFactsSource.INSTANCE.name());
    return facts == null ? null : facts.refresher().state().value();
  }

  /** The org's status samples as the text formats last rendered them. */
  StatusLines statusLines() {
    return statusLines;
  }

  /** The token source's state for the landing page (stopped sign-ins, refusals). */
  public String authState() {
    return client.tokens().state();
  }

  /**
   * A reload changed only settings (intervals, timeout, staleness, API version, which sources): the
   * token, the cached answers and the back-off of every kept source stay.
   */
  synchronized void reconfigure(OrgConfig next) {
    config = next;
    Map<String, SourceSlot<?>> kept = new LinkedHashMap<>();
    for (Source<?> source : AllSources.ALL) {
      if (next.sources().get(source.name()).enabled()) {
        SourceSlot<?> existing = slots.get(source.name());
        if (existing != null) {
          existing.reconfigure(next);
          kept.put(source.name(), existing);
        } else {
          kept.put(source.name(), slot(next, source));
        }
      }
    }
    slots = kept;
    client.tokens().resetAfterReload();
  }

  private Map<String, SourceSlot<?>> slotsFor(OrgConfig org) {
    Map<String, SourceSlot<?>> result = new LinkedHashMap<>();
    for (Source<?> source : AllSources.ALL) {
      if (org.sources().get(source.name()).enabled()) {
        result.put(source.name(), slot(org, source));
      }
    }
    return result;
  }

  private <T> SourceSlot<T> slot(OrgConfig org, Source<T> source) {
    return new SourceSlot<>(org, source, client, clock, threads.executor());
  }
}
