package dev.sfexporter.salesforce;

import java.time.Duration;

/**
 * The end of one refresh: the token request, the call and a retry after a 401 share it, so that a
 * refresh never takes longer than the org's {@code timeout}, however many calls it needs.
 */
public final class Deadline {
  private final long endNanos;
  private final Duration total;

  private Deadline(Duration total) {
    this.total = total;
    this.endNanos = System.nanoTime() + total.toNanos();
  }

  public static Deadline after(Duration total) {
    return new Deadline(total);
  }

  /** Time left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  public boolean expired() {
    return endNanos - System.nanoTime() <= 0;
  }

  /** The whole budget, for messages. */
  public Duration total() {
    return total;
  }
}
