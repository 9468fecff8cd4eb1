package dev.sfexporter.collect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sfexporter.collect.sources.LimitsSource;
import dev.sfexporter.collect.sources.SampleSink;
import dev.sfexporter.collect.sources.Source;
import dev.sfexporter.config.AuthConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.Secret;
import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.Limit;
import dev.sfexporter.salesforce.OrgClient;
import dev.sfexporter.salesforce.OrgLimits;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Samples are built once per refreshed answer, not once per scrape. */
class SourcePointsTest {
  private final SourcePoints points = new SourcePoints();

  @Test
  void theSameAnswerIsServedFromTheSameLinesAndDataPoints() {
    OrgLimits answer = new OrgLimits(List.of(new Limit("DailyApiRequests", null, 100, 40)));

    SourcePoints.Samples<OrgLimits> first = points.of(LimitsSource.INSTANCE, "a", answer);
    SourcePoints.Samples<OrgLimits> second = points.of(LimitsSource.INSTANCE, "a", answer);

    assertSame(first.lines(), second.lines());
    assertSame(first.points(), second.points());
    assertEquals(
        "salesforce_limit_max{limit=\"DailyApiRequests\",org=\"a\"} 100.0\n",
        new String(first.lines().get("salesforce_limit_max"), UTF_8));
    GaugeDataPointSnapshot max = first.points().get("salesforce_limit_max").get(0);
    assertEquals(100, max.getValue());
    assertEquals("a", max.getLabels().get("org"));
  }

  @Test
  void aNewAnswerIsBuiltAnew() {
    OrgLimits before = new OrgLimits(List.of(new Limit("DailyApiRequests", null, 100, 40)));
    OrgLimits after = new OrgLimits(List.of(new Limit("DailyApiRequests", null, 100, 30)));
    Map<String, byte[]> first = points.of(LimitsSource.INSTANCE, "a", before).lines();

    SourcePoints.Samples<OrgLimits> next = points.of(LimitsSource.INSTANCE, "a", after);

    assertNotSame(first, next.lines());
    assertEquals(
        "salesforce_limit_remaining{limit=\"DailyApiRequests\",org=\"a\"} 30.0\n",
        new String(next.lines().get("salesforce_limit_remaining"), UTF_8));
    assertEquals(30, next.points().get("salesforce_limit_remaining").get(0).getValue());
  }

  @Test
  void aLabelSetTwiceIsServedOnceInBothShapes() {
    OrgLimits answer =
        new OrgLimits(
            List.of(
                new Limit("DailyApiRequests", null, 100, 40),
                new Limit("DailyApiRequests", null, 999, 999)));

    SourcePoints.Samples<OrgLimits> samples = points.of(LimitsSource.INSTANCE, "a", answer);

    assertEquals(
        "salesforce_limit_max{limit=\"DailyApiRequests\",org=\"a\"} 100.0\n",
        new String(samples.lines().get("salesforce_limit_max"), UTF_8));
    assertEquals(1, samples.points().get("salesforce_limit_max").size());
    assertEquals(100, samples.points().get("salesforce_limit_max").get(0).getValue());
  }

  @Test
  void eachShapeIsBuiltOnceAndOnlyForAScrapeThatNeedsIt() {
    CountingSource source = new CountingSource();
    OrgLimits answer = new OrgLimits(List.of(new Limit("DailyApiRequests", null, 100, 40)));

    for (int scrape = 0; scrape < 3; scrape++) {
      SnapshotWriter.lines().samples(points.of(source, "a", answer));
    }
    assertEquals(1, source.writes, "text scrapes: lines once, no data points");

    for (int scrape = 0; scrape < 3; scrape++) {
      SnapshotWriter.points(name -> true, null).samples(points.of(source, "a", answer));
    }
    assertEquals(2, source.writes, "then data points once");
  }

  @Test
  void anAnswerIsRenderedOnTheRefreshThreadNotByTheScrapeThatWaitsForIt() throws Exception {
    OrgLimits answer = new OrgLimits(List.of(new Limit("DailyApiRequests", null, 100, 40)));
    CountingSource source = new CountingSource(answer, null);
    ExecutorService refreshThread =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "refresh-test"));
    try {
      OrgConfig org =
          new OrgConfig(
              "prod",
              URI.create("https://login.example.com"),
              "64.0",
              Duration.ofMinutes(5),
              Duration.ofSeconds(5),
              Duration.ofHours(1),
              new AuthConfig.ClientCredentials("cid", new Secret("cs"), false));
      SourceSlot<OrgLimits> slot =
          new SourceSlot<>(org, source, null, Clock.systemUTC(), refreshThread);

      SourceSlot.Pending<OrgLimits> refresh = slot.start();
      refresh.refresh().get(5, TimeUnit.SECONDS);
      assertEquals(List.of("refresh-test"), source.writers, "rendered where it was refreshed");

      SnapshotWriter scrape = SnapshotWriter.lines();
      refresh
          .await(System.nanoTime() + 1_000_000_000L, System.nanoTime())
          .writeData(scrape, "prod");
      assertEquals(List.of("refresh-test"), source.writers, "the scrape renders nothing again");
    } finally {
      refreshThread.shutdownNow();
    }
  }

  @Test
  void aScrapeThatBeganBeforeARefreshSettledFindsThePreviousAnswerRendered() {
    CountingSource source = new CountingSource();
    OrgLimits before = new OrgLimits(List.of(new Limit("DailyApiRequests", null, 100, 40)));
    OrgLimits after = new OrgLimits(List.of(new Limit("DailyApiRequests", null, 100, 30)));
    points.render(source, "a", before);
    points.render(source, "a", after); // the refresh rendered; its state is not settled yet

    Map<String, byte[]> late = points.of(source, "a", before).lines();
    Map<String, byte[]> next = points.of(source, "a", after).lines();

    assertEquals(2, source.writes, "each answer rendered once, by its refresh");
    assertEquals(
        "salesforce_limit_remaining{limit=\"DailyApiRequests\",org=\"a\"} 40.0\n",
        new String(late.get("salesforce_limit_remaining"), UTF_8));
    assertEquals(
        "salesforce_limit_remaining{limit=\"DailyApiRequests\",org=\"a\"} 30.0\n",
        new String(next.get("salesforce_limit_remaining"), UTF_8));
  }

  @Test
  void anAnswerThatCannotBeRenderedLeavesTheLastGoodOneRendered() {
    OrgLimits good = new OrgLimits(List.of(new Limit("DailyApiRequests", null, 100, 40)));
    OrgLimits bad = new OrgLimits(List.of(new Limit("DailyApiRequests", null, 100, 30)));
    CountingSource source = new CountingSource(null, bad);
    points.render(source, "a", good);

    assertThrows(IllegalStateException.class, () -> points.render(source, "a", bad));

    Map<String, byte[]> lines = points.of(source, "a", good).lines();
    assertEquals(2, source.writes, "the good answer is not rendered again");
    assertEquals(
        "salesforce_limit_remaining{limit=\"DailyApiRequests\",org=\"a\"} 40.0\n",
        new String(lines.get("salesforce_limit_remaining"), UTF_8));
  }

  /** The limits source, counting how often (and on which thread) its samples are written. */
  private static final class CountingSource implements Source<OrgLimits> {
    private final OrgLimits answer;
    private final OrgLimits unrenderable;
    final List<String> writers = new CopyOnWriteArrayList<>();
    int writes;

    CountingSource() {
      this(null, null);
    }

    /**
     * @param answer what every refresh answers (null: refreshing is a bug in the test)
     * @param unrenderable an answer whose samples cannot be written (a bug of ours, say)
     */
    CountingSource(OrgLimits answer, OrgLimits unrenderable) {
      this.answer = answer;
      this.unrenderable = unrenderable;
    }

    @Override
    public void write(SampleSink out, String org, OrgLimits value) {
      writes++;
      writers.add(Thread.currentThread().getName());
      if (value == unrenderable) {
        throw new IllegalStateException("cannot write " + value);
      }
      LimitsSource.INSTANCE.write(out, org, value);
    }

    @Override
    public String name() {
      return LimitsSource.INSTANCE.name();
    }

    @Override
    public List<MetricFamilyDescriptor> families() {
      return LimitsSource.INSTANCE.families();
    }

    @Override
    public CompletableFuture<OrgLimits> fetch(
        OrgClient client, SourceConfig settings, OrgLimits previous, Deadline deadline) {
      if (answer == null) {
        // The tests that hand the values in never refresh; a call would be a bug in the test.
        throw new UnsupportedOperationException();
      }
      return CompletableFuture.completedFuture(answer);
    }

    @Override
    public int callsPerRefresh() {
      return 1;
    }

    @Override
    public String permission() {
      return "none";
    }
  }
}
