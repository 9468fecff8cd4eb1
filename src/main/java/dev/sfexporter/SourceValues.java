package dev.sfexporter;

import dev.sfexporter.collect.SourceRefresher;
import dev.sfexporter.collect.SourceSlot;
import dev.sfexporter.collect.WatchedOrg;
import dev.sfexporter.collect.sources.ApiUsageSource.ApiUsage;
import dev.sfexporter.collect.sources.EntitlementsSource.Entitlement;
import dev.sfexporter.collect.sources.LicensesSource.License;
import dev.sfexporter.config.Sources;
import dev.sfexporter.http.pages.Allocation;
import dev.sfexporter.http.pages.Consumers;
import dev.sfexporter.http.pages.EntitlementUse;
import dev.sfexporter.http.pages.LicenseUse;
import dev.sfexporter.salesforce.ApiUsageLog.Usage;
import dev.sfexporter.salesforce.Limit;
import dev.sfexporter.salesforce.OrgLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values an org's sources serve now, in the pages' terms. Values past {@code max_staleness} are
 * dropped exactly as a scrape drops them, so the pages and JSON always match /metrics.
 */
record SourceValues(
    Allocation dailyApiRequests,
    List<Allocation> limits,
    List<LicenseUse> licenses,
    List<EntitlementUse> entitlements,
    Consumers consumers) {

  static SourceValues of(WatchedOrg org) {
    List<Allocation> limits = null;
    Allocation daily = null;
    if (enabled(org, Sources.LIMITS)) {
      OrgLimits served = served(org, Sources.LIMITS);
      limits = new ArrayList<>();
      for (Limit limit : served == null ? List.<Limit>of() : served.limits()) {
        Allocation allocation =
            Allocation.of(limit.name(), limit.app(), limit.max(), limit.remaining());
        limits.add(allocation);
        if (!limit.isNested() && Allocation.DAILY_API_REQUESTS.equals(limit.name())) {
          daily = allocation;
        }
      }
    }
    List<LicenseUse> licenses = null;
    if (enabled(org, Sources.LICENSES)) {
      List<License> served = served(org, Sources.LICENSES);
      licenses =
          served == null
              ? List.of()
              : served.stream()
                  .map(l -> LicenseUse.of(l.name(), l.type(), l.total(), l.used()))
                  .toList();
    }
    List<EntitlementUse> entitlements = null;
    if (enabled(org, Sources.ENTITLEMENTS)) {
      List<Entitlement> served = served(org, Sources.ENTITLEMENTS);
      entitlements =
          served == null
              ? List.of()
              : served.stream()
                  .map(
                      e ->
                          EntitlementUse.of(
                              e.label(), e.setting(), e.frequency(), e.allowed(), e.used()))
                  .toList();
    }
    Consumers consumers = null;
    if (enabled(org, Sources.API_USAGE)) {
      consumers = consumers(served(org, Sources.API_USAGE));
    }
    return new SourceValues(
        daily, limits == null ? null : List.copyOf(limits), licenses, entitlements, consumers);
  }

  /** The calls of the log period per client, busiest first. */
  static Consumers consumers(ApiUsage usage) {
    if (usage == null || usage.logId() == null) {
      return new Consumers(null, 0, 0, List.of());
    }
    Map<String, List<Usage>> byClient = new LinkedHashMap<>();
    long all = 0;
    for (Usage u : usage.usage()) {
      byClient.computeIfAbsent(u.client(), c -> new ArrayList<>()).add(u);
      all += u.requests();
    }
    List<Consumers.Client> clients = new ArrayList<>();
    for (Map.Entry<String, List<Usage>> entry : byClient.entrySet()) {
      Map<Consumers.Family, long[]> families = new LinkedHashMap<>();
      long requests = 0;
      long counted = 0;
      for (Usage u : entry.getValue()) {
        requests += u.requests();
        counted += u.countsAgainstLimit() ? u.requests() : 0;
        Consumers.Family key = new Consumers.Family(u.apiFamily(), u.countsAgainstLimit(), 0);
        families.computeIfAbsent(key, k -> new long[1])[0] += u.requests();
      }
      List<Consumers.Family> split = new ArrayList<>();
      families.forEach(
          (key, count) ->
              split.add(new Consumers.Family(key.apiFamily(), key.countsAgainstLimit(), count[0])));
      split.sort(Comparator.comparingLong(Consumers.Family::requests).reversed());
      clients.add(
          new Consumers.Client(
              entry.getKey(), requests, counted, all == 0 ? 0 : (double) requests / all, split));
    }
    clients.sort(Comparator.comparingLong(Consumers.Client::requests).reversed());
    return new Consumers(usage.periodStart(), usage.periodSeconds(), all, List.copyOf(clients));
  }

  private static boolean enabled(WatchedOrg org, String source) {
    return org.sources().stream().anyMatch(s -> s.source().name().equals(source));
  }

  /** The value a scrape would serve now, or null (off, not read yet, or past max_staleness). */
  @SuppressWarnings("unchecked")
  static <T> T served(WatchedOrg org, String source) {
    for (SourceSlot<?> slot : org.sources()) {
      if (slot.source().name().equals(source)) {
        return (T) servedValue(slot);
      }
    }
    return null;
  }

  private static <T> T servedValue(SourceSlot<T> slot) {
    SourceRefresher<T> refresher = slot.refresher();
    return refresher.view(refresher.state(), false, Duration.ZERO).value();
  }
}
