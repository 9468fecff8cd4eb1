package dev.sfexporter.collect.sources;

import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;

/** Builds the gauge descriptors sources declare. */
final class Families {
  private Families() {}

  static MetricFamilyDescriptor gauge(String name, String help, String... labels) {
    return MetricFamilyDescriptor.gauge(name).help(help).labelNames(labels).build();
  }
}
