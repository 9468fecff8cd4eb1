package dev.sfexporter.collect;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last full scrape's snapshot of each large family (limits, licences…), reused while every
 * org's data points for it are the very same lists: building a snapshot sorts its data points by
 * labels, which at 1,000 orgs is the larger part of a scrape. Per-org scrapes build their own.
 */
final class FamilyCache {
  private record Entry(List<List<GaugeDataPointSnapshot>> parts, GaugeSnapshot snapshot) {}

  private final ConcurrentHashMap<String, Entry> byFamily = new ConcurrentHashMap<>();

  /** The cached snapshot if it was built from exactly these lists (by identity), else null. */
  GaugeSnapshot get(String family, List<List<GaugeDataPointSnapshot>> parts) {
    Entry entry = byFamily.get(family);
    if (entry == null || entry.parts().size() != parts.size()) {
      return null;
    }
    for (int i = 0; i < parts.size(); i++) {
      if (entry.parts().get(i) != parts.get(i)) {
        return null;
      }
    }
    return entry.snapshot();
  }

  void put(String family, List<List<GaugeDataPointSnapshot>> parts, GaugeSnapshot snapshot) {
    byFamily.put(family, new Entry(List.copyOf(parts), snapshot));
  }

  /** Forgets families no scrape produced, e.g. of a source turned off. */
  void retain(java.util.Set<String> families) {
    byFamily.keySet().retainAll(families);
  }
}
