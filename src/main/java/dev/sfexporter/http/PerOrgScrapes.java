package dev.sfexporter.http;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.Supplier;

/**
 * One scrape target per org ({@code /metrics?org=NAME}, listed by {@code /targets}).
 *
 * @param registry what such a scrape serves: the orgs' metrics without the process's own JVM
 *     metrics, which would otherwise be stored once per org
 * @param orgNames the configured orgs, in configuration order; a supplier so a reload shows
 */
public record PerOrgScrapes(PrometheusRegistry registry, Supplier<List<String>> orgNames) {

  /** For a server without orgs: every {@code ?org=} is unknown. */
  public static PerOrgScrapes none(PrometheusRegistry registry) {
    return new PerOrgScrapes(registry, List::of);
  }
}
