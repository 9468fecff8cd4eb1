package dev.sfexporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sfexporter.collect.sources.AllSources;
import dev.sfexporter.collect.sources.Source;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
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
          MetricFamilyDescriptor.gauge("made_up_without_help").build());

  @Test
  void everySourceFamilysHeaderInBothFormats() throws Exception {
    List<MetricFamilyDescriptor> families = new ArrayList<>(MADE_UP);
    for (Source<?> source : AllSources.ALL) {
      families.addAll(source.families());
    }
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
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(family.getMetadata().getName());
    if (family.getMetadata().getHelp() != null) {
      gauge.help(family.getMetadata().getHelp());
    }
    if (family.getMetadata().getUnit() != null) {
      gauge.unit(family.getMetadata().getUnit());
    }
    gauge.dataPoint(GaugeDataPointSnapshot.builder().value(1).build());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, MetricSnapshots.of(gauge.build()), EscapingScheme.ALLOW_UTF8);
    StringBuilder header = new StringBuilder();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("# ") && !line.equals("# EOF")) {
        header.append(line).append('\n');
      }
    }
    return header.toString();
  }
}
