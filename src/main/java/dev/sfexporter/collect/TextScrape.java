package dev.sfexporter.collect;

import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * A scrape for the text formats (Prometheus text, OpenMetrics) with most of it already rendered:
 * the source data once per refresh, each org's status when it last changed.
 *
 * @param snapshots what is left for client_java's writer (build info)
 * @param rendered the families that have samples, as sample lines; none of them in {@code
 *     snapshots}
 */
public record TextScrape(MetricSnapshots snapshots, List<Family> rendered) {

  /**
   * @param orgs each served org's sample lines of the family, in org order (shared, not to be
   *     changed)
   */
  public record Family(MetricFamilyDescriptor descriptor, List<byte[]> orgs) {}
}
