package dev.sfexporter.collect;

import dev.sfexporter.salesforce.FailureReason;
import java.time.Duration;
import java.time.Instant;

/**
 * What a source knows after its latest refresh attempt.
 *
 * @param value the latest good answer, kept through failures; null before the first success
 * @param lastSuccessAt when {@code value} arrived, or null
 * @param lastAttemptAt when the latest attempt ended, or null before the first
 * @param duration wall time of the latest attempt
 * @param reason why the latest attempt failed, or null when it succeeded
 * @param error what went wrong, free of secrets, or null
 * @param failuresInARow failed attempts since the latest success
 */
public record SourceState<T>(
    T value,
    Instant lastSuccessAt,
    Instant lastAttemptAt,
    Duration duration,
    FailureReason reason,
    String error,
    int failuresInARow) {

  static <T> SourceState<T> initial() {
    return new SourceState<>(null, null, null, Duration.ZERO, null, null, 0);
  }

  public boolean up() {
    return lastAttemptAt != null && reason == null;
  }

  SourceState<T> succeeded(T next, Instant at, Duration took) {
    return new SourceState<>(next, at, at, took, null, null, 0);
  }

  SourceState<T> failed(FailureReason why, String message, Instant at, Duration took) {
    return new SourceState<>(value, lastSuccessAt, at, took, why, message, failuresInARow + 1);
  }

  /** When the next call may be made: an interval after a success, a back-off after a failure. */
  public Instant nextAttemptAt(Duration interval) {
    if (lastAttemptAt == null) {
      return Instant.MIN;
    }
    return lastAttemptAt.plus(up() ? interval : Backoff.after(failuresInARow, reason, interval));
  }
}
