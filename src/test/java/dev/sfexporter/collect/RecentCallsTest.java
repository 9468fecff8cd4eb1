package dev.sfexporter.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sfexporter.salesforce.ApiCallRecorder;
import dev.sfexporter.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The landing page's "own calls in the last 24 h": hourly buckets that age out. */
class RecentCallsTest {
  @Test
  void countsTheLastDayOnlyAndSaysSinceWhen() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:30:00Z"));
    ApiCallCounters counters = new ApiCallCounters(clock);
    ApiCallRecorder prod = counters.forOrg("prod");
    prod.record("limits", false);
    prod.record("limits", true);
    prod.record("token", false);

    RecentCalls.Window young = counters.lastDay("prod");
    assertEquals(Instant.parse("2026-11-22T10:30:00Z"), young.since(), "since start: 0 h ago");
    assertEquals(Map.of("limits", 2L, "token", 1L), young.requests());
    assertEquals(Map.of("limits", 1L), young.failures());

    clock.advance(Duration.ofHours(23));
    prod.record("query", false);
    RecentCalls.Window day = counters.lastDay("prod");
    assertEquals(Map.of("limits", 2L, "token", 1L, "query", 1L), day.requests());
    assertEquals(Instant.parse("2026-11-22T10:30:00Z"), day.since());

    clock.advance(Duration.ofHours(2)); // the first hour's calls are now over 24 h old
    RecentCalls.Window later = counters.lastDay("prod");
    assertEquals(Map.of("query", 1L), later.requests());
    assertEquals(Map.of(), later.failures());
    assertEquals(Instant.parse("2026-11-22T12:00:00Z"), later.since(), "23 to 24 h back");

    assertEquals(Map.of(), counters.lastDay("unknown").requests());
    assertEquals(
        3 + 1,
        counters.snapshot().stream().mapToLong(ApiCallCounters.Count::requests).sum(),
        "the counters since start keep everything");
    assertEquals(
        0,
        counters.snapshot().stream().filter(c -> c.org().equals("unknown")).count(),
        "reading an unknown org creates no series");
  }
}
