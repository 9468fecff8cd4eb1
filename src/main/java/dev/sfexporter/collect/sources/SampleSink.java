package dev.sfexporter.collect.sources;

import io.prometheus.metrics.model.snapshots.Labels;

/** Where a source writes its samples during a scrape. */
public interface SampleSink {
  void gauge(String family, Labels labels, double value);
}
