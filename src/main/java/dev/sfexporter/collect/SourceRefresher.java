package dev.sfexporter.collect;

import dev.sfexporter.logging.LogLine;
import dev.sfexporter.salesforce.Async;
import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.FailureReason;
import dev.sfexporter.salesforce.SalesforceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the freshness of one source of one org: the only place that decides when Salesforce is
 * called. A scrape gets the cached answer until the interval has passed; then one refresh starts
 * and every scrape meanwhile shares it (single-flight). After a failure the next call waits a
 * back-off however often it is scraped, and the last good answer is served until it is older than
 * {@code max_staleness}.
 */
public final class SourceRefresher<T> {
  private static final Logger LOG = LoggerFactory.getLogger(SourceRefresher.class);

  /**
   * The calls this source makes, within the refresh's deadline; the answer, or a {@link
   * SalesforceException}.
   */
  @FunctionalInterface
  public interface Fetch<T> {
    CompletableFuture<T> fetch(Deadline deadline);
  }

  /** When to call and how long answers stay servable; a reload may change it. */
  public record Schedule(Duration interval, Duration timeout, Duration maxStaleness) {}

  private final String org;
  private final String source;
  private final Fetch<T> fetch;
  private final Clock clock;
  private final Executor executor;
  private final FailureCounts failures = new FailureCounts();
  private volatile Schedule schedule;
  private volatile SourceState<T> state = SourceState.initial();
  private CompletableFuture<SourceState<T>> inFlight;
  private CompletableFuture<SourceState<T>> reportedLate;

  public SourceRefresher(
      String org,
      String source,
      Fetch<T> fetch,
      Schedule schedule,
      Clock clock,
      Executor executor) {
    this.org = org;
    this.source = source;
    this.fetch = fetch;
    this.schedule = schedule;
    this.clock = clock;
    this.executor = executor;
  }

  public void reschedule(Schedule next) {
    schedule = next;
  }

  public Schedule schedule() {
    return schedule;
  }

  /** Failed refreshes so far for {@code reason}. */
  public long failures(FailureReason reason) {
    return failures.get(reason);
  }

  /** The state as it is, refreshing nothing: for the landing page. */
  public SourceState<T> state() {
    return state;
  }

  /** The current state when no call is due, else the (possibly shared) refresh under way. */
  public synchronized CompletableFuture<SourceState<T>> refreshIfDue() {
    if (inFlight != null) {
      return inFlight;
    }
    SourceState<T> current = state;
    if (clock.instant().isBefore(current.nextAttemptAt(schedule.interval()))) {
      return CompletableFuture.completedFuture(current);
    }
    CompletableFuture<SourceState<T>> started = new CompletableFuture<>();
    inFlight = started;
    // A quick refresh may already be done: then this clears inFlight at once, on this thread.
    started.whenComplete((result, error) -> clearInFlight(started));
    // The calls are started on a refresh thread (a JWT is signed there, say) and then wait for
    // Salesforce without holding one.
    try {
      executor.execute(
          () -> {
            try {
              refresh()
                  .whenComplete(
                      (next, error) -> {
                        if (error == null) {
                          started.complete(next);
                        } else {
                          started.completeExceptionally(error);
                        }
                      });
            } catch (Throwable e) { // never a refresh that no scrape sees end
              started.completeExceptionally(e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      started.completeExceptionally(e); // the exporter is stopping
    }
    return started;
  }

  /** What a scrape serves from {@code current}; {@code late} when it could not wait longer. */
  public SourceView<T> view(SourceState<T> current, boolean late, Duration waited) {
    T value = current.value();
    Instant lastSuccess = current.lastSuccessAt();
    // max_staleness counts from when the next refresh was due, so a source read daily keeps its
    // values all day, and a short max_staleness never empties a healthy source between refreshes.
    if (lastSuccess != null
        && clock
            .instant()
            .isAfter(lastSuccess.plus(schedule.interval()).plus(schedule.maxStaleness()))) {
      value = null;
    }
    if (late) {
      return new SourceView<>(
          false, value, lastSuccess, waited, "no answer within the scrape deadline; still waiting");
    }
    return new SourceView<>(current.up(), value, lastSuccess, current.duration(), current.error());
  }

  /** The view for a scrape that cannot wait for the refresh under way. */
  public synchronized SourceView<T> late(
      CompletableFuture<SourceState<T>> refresh, Duration waited) {
    if (refresh != reportedLate) {
      reportedLate = refresh;
      LOG.warn(
          "{}",
          LogLine.of(
                  "no answer from Salesforce within the scrape deadline; last known values are"
                      + " served and the refresh goes on for a later scrape")
              .with("org", org)
              .with("source", source)
              .with("waited_ms", waited.toMillis()));
    }
    return view(state, true, waited);
  }

  private synchronized void clearInFlight(CompletableFuture<SourceState<T>> finished) {
    if (inFlight == finished) {
      inFlight = null;
    }
  }

  /** The refresh's new state; never fails. */
  private CompletableFuture<SourceState<T>> refresh() {
    long start = System.nanoTime();
    SourceState<T> previous = state;
    Schedule current = schedule;
    CompletableFuture<T> call;
    try {
      call = fetch.fetch(Deadline.after(current.timeout()));
    } catch (RuntimeException | Error e) {
      call = CompletableFuture.failedFuture(e);
    }
    return call.handle((value, error) -> settle(previous, current, start, value, error));
  }

  private SourceState<T> settle(
      SourceState<T> previous, Schedule current, long start, T value, Throwable error) {
    Throwable failure = error == null ? null : Async.cause(error);
    SourceState<T> next;
    if (failure == null) {
      next = previous.succeeded(value, clock.instant(), elapsed(start));
      if (previous.failuresInARow() > 0) {
        LOG.info(
            "{}",
            LogLine.of("Salesforce answers again")
                .with("org", org)
                .with("source", source)
                .with("failed_attempts", previous.failuresInARow()));
      }
    } else if (failure instanceof SalesforceException e) {
      next = previous.failed(e.reason(), e.getMessage(), clock.instant(), elapsed(start));
      logFailure(previous, next, current);
    } else {
      // A bug of ours must not take the exporter down, nor skip the back-off: it shows as up 0
      // and in the log. A VM error is still rethrown once recorded.
      next =
          previous.failed(
              FailureReason.INVALID_RESPONSE,
              "internal error: " + failure,
              clock.instant(),
              elapsed(start));
      LOG.error(
          "{}",
          LogLine.of("refresh failed unexpectedly").with("org", org).with("source", source),
          failure);
    }
    if (next.reason() != null) {
      failures.add(next.reason());
    }
    state = next;
    if (failure instanceof VirtualMachineError vmError) {
      throw vmError;
    }
    return next;
  }

  /**
   * One line when a source starts failing or fails differently; silence while it stays the same.
   */
  private void logFailure(SourceState<T> previous, SourceState<T> next, Schedule current) {
    if (previous.failuresInARow() == 0 || !Objects.equals(previous.error(), next.error())) {
      LOG.warn(
          "{}",
          LogLine.of("refresh failed")
              .with("org", org)
              .with("source", source)
              .with("reason", next.reason().label())
              .with("error", next.error())
              .with(
                  "next_attempt_in_s",
                  Duration.between(next.lastAttemptAt(), next.nextAttemptAt(current.interval()))
                      .toSeconds())
              .with(
                  "serving_values_from",
                  next.lastSuccessAt() == null ? "none" : next.lastSuccessAt()));
    }
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
