package dev.sfexporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sfexporter.collect.SalesforceCollector;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The headers of pre-rendered families are what client_java's writers print for them. */
class FamilyHeaderTest {
  private static final List<MetricFamilyDescriptor> MADE_UP =
      List.of(
          MetricFamilyDescriptor.gauge("made_up_seconds")
              .help("Help with \"quotes\", a back\\slash and a\nnewline.")
              .unit(Unit.SECONDS)
              .build(),
          MetricFamilyDescriptor.gauge("made_up_without_help").build(),
          MetricFamilyDescriptor.counter("made_up_events")
              .help("Events, \"quoted\".")
              .unit(new Unit("events"))
              .build());

  @Test
  void everyFamilysHeaderInBothFormats() throws Exception {
    List<MetricFamilyDescriptor> families = new ArrayList<>(MADE_UP);
    // Every family the collector declares: the sources' own, the status ones, the counters.
    families.addAll(new SalesforceCollector(null, null, null, null).getMetricFamilyDescriptors());
    for (MetricFamilyDescriptor family : families) {
      assertEquals(
          clientJavaHeader(family, PrometheusTextFormatWriter.create()),
          FamilyHeader.of(family, false),
          family.getPrometheusName());
      assertEquals(
          clientJavaHeader(family, OpenMetricsTextFormatWriter.create()),
          FamilyHeader.of(family, true),
          family.getPrometheusName());
    }
  }

  /** What the writer prints before the sample lines of a family, as SnapshotWriter builds it. */
  private static String clientJavaHeader(
      MetricFamilyDescriptor family, ExpositionFormatWriter writer) throws Exception {
    MetricMetadata metadata = family.getMetadata();
    MetricSnapshot snapshot;
    if (family.getType() == MetricType.COUNTER) {
      CounterSnapshot.Builder counter = CounterSnapshot.builder().name(metadata.getName());
      if (metadata.getHelp() != null) {
        counter.help(metadata.getHelp());
      }
      if (metadata.getUnit() != null) {
        counter.unit(metadata.getUnit());
      }
      snapshot = counter.dataPoint(CounterDataPointSnapshot.builder().value(1).build()).build();
    } else {
      GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(metadata.getName());
      if (metadata.getHelp() != null) {
        gauge.help(metadata.getHelp());
      }
      if (metadata.getUnit() != null) {
        gauge.unit(metadata.getUnit());
      }
      snapshot = gauge.dataPoint(GaugeDataPointSnapshot.builder().value(1).build()).build();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, MetricSnapshots.of(snapshot), EscapingScheme.ALLOW_UTF8);
    StringBuilder header = new StringBuilder();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("# ") && !line.equals("# EOF")) {
        header.append(line).append('\n');
      }
    }
    return header.toString();
  }
}
