package dev.sfexporter.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One org's own Salesforce calls in hourly buckets, so the landing page can say what the last 24
 * hours cost rather than everything since start. 24 buckets: the current hour and the 23 before.
 */
public final class RecentCalls {
  static final int HOURS = 24;

  /**
   * The calls of the last day.
   *
   * @param since when the counted window starts: 23 to 24 h ago, or when counting began if later
   * @param requests calls per endpoint
   * @param failures failed calls per endpoint (only those with failures)
   */
  public record Window(Instant since, Map<String, Long> requests, Map<String, Long> failures) {}

  private final Clock clock;
  private final Instant countingSince;
  private final long[] hourOf = new long[HOURS];
  private final Map<String, long[]>[] byHour;

  @SuppressWarnings("unchecked")
  RecentCalls(Clock clock) {
    this.clock = clock;
    this.countingSince = clock.instant();
    this.byHour = new Map[HOURS];
    for (int i = 0; i < HOURS; i++) {
      hourOf[i] = Long.MIN_VALUE;
      byHour[i] = new HashMap<>();
    }
  }

  synchronized void record(String endpoint, boolean failed) {
    long hour = hour(clock.instant());
    int slot = (int) Math.floorMod(hour, (long) HOURS);
    if (hourOf[slot] != hour) {
      hourOf[slot] = hour;
      byHour[slot].clear();
    }
    long[] counts = byHour[slot].computeIfAbsent(endpoint, e -> new long[2]);
    counts[0]++;
    if (failed) {
      counts[1]++;
    }
  }

  synchronized Window lastDay() {
    long now = hour(clock.instant());
    Map<String, Long> requests = new TreeMap<>();
    Map<String, Long> failures = new TreeMap<>();
    for (int i = 0; i < HOURS; i++) {
      if (hourOf[i] > now - HOURS && hourOf[i] <= now) {
        byHour[i].forEach(
            (endpoint, counts) -> {
              requests.merge(endpoint, counts[0], Long::sum);
              if (counts[1] > 0) {
                failures.merge(endpoint, counts[1], Long::sum);
              }
            });
      }
    }
    Instant windowStart = Instant.ofEpochSecond((now - HOURS + 1) * 3600);
    Instant since = countingSince.isAfter(windowStart) ? countingSince : windowStart;
    return new Window(
        since, Collections.unmodifiableMap(requests), Collections.unmodifiableMap(failures));
  }

  private static long hour(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), Duration.ofHours(1).toSeconds());
  }
}
