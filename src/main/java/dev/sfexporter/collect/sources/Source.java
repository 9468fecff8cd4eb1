package dev.sfexporter.collect.sources;

import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.salesforce.Async;
import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.FailureReason;
import dev.sfexporter.salesforce.OrgClient;
import dev.sfexporter.salesforce.SalesforceException;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One thing an org is read for: its request, its parser and its metric families. A source holds no
 * state; its answers, schedule and failures live in the org's refresher for it.
 *
 * @param <T> the parsed answer, immutable
 */
public interface Source<T> {

  /** The {@code source} label and config key, e.g. {@code licenses}. */
  String name();

  /** The families only this source fills. */
  List<MetricFamilyDescriptor> families();

  /**
   * Reads the source.
   *
   * @param previous the last good answer, or null: a source whose data is a file may keep it
   *     instead of downloading the same file again
   * @param deadline for the API calls of this refresh
   */
  CompletableFuture<T> fetch(
      OrgClient client, SourceConfig settings, T previous, Deadline deadline);

  void write(SampleSink out, String org, T value);

  /** API calls one refresh makes (one page each), for the cost stated before it is spent. */
  int callsPerRefresh();

  /** Calls a day beyond the refreshes' own, e.g. one download per new event log file. */
  default long extraCallsPerDay(SourceConfig settings) {
    return 0;
  }

  /** What the integration user needs when Salesforce refuses this source's calls. */
  String permission();

  /** {@code call} with {@link #explain} applied to its refusal. */
  default <V> CompletableFuture<V> explained(CompletableFuture<V> call) {
    return call.exceptionallyCompose(
        error ->
            Async.failed(
                Async.cause(error) instanceof SalesforceException e
                    ? explain(e)
                    : Async.cause(error)));
  }

  /** Adds the permission to grant to a refusal, so the one log line says what to fix. */
  default SalesforceException explain(SalesforceException e) {
    if (e.reason() == FailureReason.HTTP_4XX && e.status() != 404 && e.status() != 410) {
      return e.as(
          e.reason(),
          " (hint: the "
              + name()
              + " source needs "
              + permission()
              + "; grant it to the integration user, or set sources."
              + name()
              + ".enabled: false)");
    }
    return e;
  }
}
