package dev.sfexporter.collect;

import dev.sfexporter.salesforce.FailureReason;
import java.time.Duration;

/**
 * How long a source waits after failures before it calls Salesforce again, however often it is
 * scraped: 30 s, doubling, never longer than its refresh interval, so a failing org costs no more
 * than a healthy one once the first quick retries are spent.
 */
final class Backoff {
  static final Duration FIRST = Duration.ofSeconds(30);

  private Backoff() {}

  /**
   * @param failuresInARow at least 1
   */
  static Duration after(int failuresInARow, FailureReason reason, Duration interval) {
    if (reason == FailureReason.REQUEST_LIMIT_EXCEEDED) {
      // Every call now fails and the allocation frees up only over the next 24 h.
      return interval;
    }
    Duration wait = FIRST.multipliedBy(1L << Math.min(failuresInARow - 1, 20));
    return wait.compareTo(interval) < 0 ? wait : interval;
  }
}
