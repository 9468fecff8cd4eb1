package dev.sfexporter.collect;

import dev.sfexporter.collect.sources.Source;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.salesforce.OrgClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One source of one org: what it is, and the refresher that owns its freshness. */
public final class SourceSlot<T> {
  private final Source<T> source;
  private final SourceRefresher<T> refresher;
  private final SourcePoints points = new SourcePoints();
  private volatile SourceConfig settings;

  SourceSlot(OrgConfig org, Source<T> source, OrgClient client, Clock clock, Executor executor) {
    this.source = source;
    this.settings = org.sources().get(source.name());
    this.refresher =
        new SourceRefresher<>(
            org.name(),
            source.name(),
            deadline ->
                source
                    .fetch(client, settings, refresher().state().value(), deadline)
                    .thenApply(value -> rendered(org.name(), value)),
            scheduleOf(org),
            clock,
            executor);
  }

  /**
   * Renders an answer's sample lines where it was parsed (a refresh worker, or a download thread
   * for an event log): the scrape that waits for it then only copies bytes, and when 1,000 orgs
   * answer at once their lines are rendered in parallel while later answers are still on their way,
   * not one after another on the scrape's thread. The refresh's duration includes this (well under
   * a millisecond for /limits), and an answer that cannot be rendered fails the refresh as an
   * internal error, keeping the last good one.
   */
  private T rendered(String org, T value) {
    if (value != null) {
      points.render(source, org, value);
    }
    return value;
  }

  public Source<T> source() {
    return source;
  }

  public SourceRefresher<T> refresher() {
    return refresher;
  }

  public SourceConfig settings() {
    return settings;
  }

  void reconfigure(OrgConfig org) {
    settings = org.sources().get(source.name());
    refresher.reschedule(scheduleOf(org));
  }

  private SourceRefresher.Schedule scheduleOf(OrgConfig org) {
    return new SourceRefresher.Schedule(
        org.sources().get(source.name()).interval(), org.timeout(), org.maxStaleness());
  }

  /** Starts a refresh if one is due; the scrape then waits for it with {@link Pending#await}. */
  Pending<T> start() {
    return new Pending<>(this, refresher.refreshIfDue());
  }

  /** A refresh a scrape waits for. */
  record Pending<T>(SourceSlot<T> slot, CompletableFuture<SourceState<T>> refresh) {

    /** What the scrape serves: the refresh's result, or last known values if it is late. */
    Served<T> await(long deadlineNanos, long startNanos) {
      SourceRefresher<T> refresher = slot.refresher();
      try {
        SourceState<T> state =
            refresh.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        return new Served<>(slot, refresher.view(state, false, Duration.ZERO));
      } catch (TimeoutException | ExecutionException e) {
        // ExecutionException: refresh() catches every exception; an Error (out of memory, say)
        // still must not turn the scrape into a 500.
        return new Served<>(
            slot, refresher.late(refresh, Duration.ofNanos(System.nanoTime() - startNanos)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Served<>(slot, refresher.late(refresh, Duration.ZERO));
      }
    }
  }

  /** A source as one scrape serves it. */
  record Served<T>(SourceSlot<T> slot, SourceView<T> view) {
    void writeData(SnapshotWriter out, String org) {
      if (view.value() != null) {
        out.samples(slot.points.of(slot.source(), org, view.value()));
      }
    }
  }
}
