package dev.sfexporter.salesforce.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * After credentials are refused, waits before trying them again: 1, 2, 4 … minutes up to a cap,
 * back to none after a success. A wrong password then costs a handful of login attempts an hour
 * instead of one per scrape, which would lock the integration user out.
 */
public final class AuthBackoff {
  public static final Duration DEFAULT_INITIAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_MAX = Duration.ofMinutes(30);

  private final Clock clock;
  private final Duration initial;
  private final Duration max;
  private int failures;
  private Instant retryAt = Instant.MIN;
  private String lastError;

  public AuthBackoff(Clock clock, Duration initial, Duration max) {
    this.clock = clock;
    this.initial = initial;
    this.max = max;
  }

  /** Whether a token request may be sent now. */
  public synchronized boolean allowed() {
    return !clock.instant().isBefore(retryAt);
  }

  public synchronized void failed(String error) {
    failures++;
    lastError = error;
    Duration wait = initial.multipliedBy(1L << Math.min(failures - 1, 20));
    retryAt = clock.instant().plus(wait.compareTo(max) > 0 ? max : wait);
  }

  public synchronized void succeeded() {
    failures = 0;
    retryAt = Instant.MIN;
    lastError = null;
  }

  public synchronized String lastError() {
    return lastError;
  }

  /** {@code ok}, or how many refusals and when the next attempt is allowed. */
  public synchronized String describe() {
    if (failures == 0) {
      return "ok";
    }
    return failures
        + " refused login"
        + (failures == 1 ? "" : "s")
        + "; next attempt not before "
        + retryAt;
  }
}
