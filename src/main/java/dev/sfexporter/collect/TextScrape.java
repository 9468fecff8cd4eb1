package dev.sfexporter.collect;

import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * A scrape for the text formats (Prometheus text, OpenMetrics): most of its samples, the source
 * data, already rendered once per refresh.
 *
 * @param snapshots every other family, for client_java's writer: org and source status, counters,
 *     build info
 * @param rendered the families of source data that have samples, none of them in {@code snapshots}
 */
public record TextScrape(MetricSnapshots snapshots, List<Family> rendered) {

  /**
   * @param orgs each served org's sample lines of the family, in org order (shared, not to be
   *     changed)
   */
  public record Family(MetricFamilyDescriptor descriptor, List<byte[]> orgs) {}
}
