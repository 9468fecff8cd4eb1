package dev.sfexporter.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sfexporter.collect.sources.LimitsSource;
import dev.sfexporter.salesforce.Limit;
import dev.sfexporter.salesforce.OrgLimits;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Samples are built once per refreshed answer, not once per scrape. */
class SourcePointsTest {
  private final SourcePoints points = new SourcePoints();

  @Test
  void theSameAnswerIsServedFromTheSameDataPoints() {
    OrgLimits answer = new OrgLimits(List.of(new Limit("DailyApiRequests", null, 100, 40)));

    Map<String, List<GaugeDataPointSnapshot>> first = points.of(LimitsSource.INSTANCE, "a", answer);
    Map<String, List<GaugeDataPointSnapshot>> second =
        points.of(LimitsSource.INSTANCE, "a", answer);

    assertSame(first, second);
    GaugeDataPointSnapshot max = first.get("salesforce_limit_max").get(0);
    assertEquals(100, max.getValue());
    assertEquals("a", max.getLabels().get("org"));
  }

  @Test
  void aNewAnswerIsBuiltAnew() {
    OrgLimits before = new OrgLimits(List.of(new Limit("DailyApiRequests", null, 100, 40)));
    OrgLimits after = new OrgLimits(List.of(new Limit("DailyApiRequests", null, 100, 30)));
    Map<String, List<GaugeDataPointSnapshot>> first = points.of(LimitsSource.INSTANCE, "a", before);

    Map<String, List<GaugeDataPointSnapshot>> next = points.of(LimitsSource.INSTANCE, "a", after);

    assertNotSame(first, next);
    assertEquals(30, next.get("salesforce_limit_remaining").get(0).getValue());
  }
}
