package dev.sfexporter.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sample lines rendered once per refresh are byte for byte what client_java's writers print. */
class SampleLinesTest {
  private static final String NAME = "salesforce_limit_max";

  private record Point(Labels labels, double value) {}

  private static final List<Point> POINTS =
      List.of(
          new Point(Labels.of("org", "prod", "limit", "Integer"), 350000),
          new Point(Labels.of("org", "prod", "limit", "Fraction"), 0.25),
          new Point(Labels.of("org", "prod", "limit", "Negative"), -42),
          new Point(Labels.of("org", "prod", "limit", "NegativeZero"), -0.0),
          new Point(Labels.of("org", "prod", "limit", "Zero"), 0),
          new Point(Labels.of("org", "prod", "limit", "Huge"), 1e21),
          new Point(Labels.of("org", "prod", "limit", "Tiny"), 1.5e-7),
          new Point(Labels.of("org", "prod", "limit", "NotANumber"), Double.NaN),
          new Point(Labels.of("org", "prod", "limit", "Up"), Double.POSITIVE_INFINITY),
          new Point(Labels.of("org", "prod", "limit", "Down"), Double.NEGATIVE_INFINITY),
          new Point(Labels.of("org", "prod", "limit", "Quote \" in"), 1),
          new Point(Labels.of("org", "prod", "limit", "Back \\ slash"), 2),
          new Point(Labels.of("org", "prod", "limit", "New\nline"), 3),
          new Point(Labels.of("org", "prod", "limit", "All \\\"\n\\n of them"), 4),
          new Point(Labels.of("org", "prod", "limit", "Ünïcödé ☃ 𝄞"), 5),
          new Point(Labels.of("org", "prod", "limit", ""), 6),
          new Point(Labels.of("org", "prod", "limit", "Nested", "app", "Workbench"), 7));

  @Test
  void linesAreWhatThePrometheusTextWriterPrints() throws Exception {
    assertEquals(
        clientJavaLines(PrometheusTextFormatWriter.create(), EscapingScheme.DEFAULT), ours());
    assertEquals(
        clientJavaLines(PrometheusTextFormatWriter.create(), EscapingScheme.ALLOW_UTF8), ours());
  }

  @Test
  void linesAreWhatTheOpenMetricsWriterPrints() throws Exception {
    assertEquals(
        clientJavaLines(OpenMetricsTextFormatWriter.create(), EscapingScheme.ALLOW_UTF8), ours());
    assertEquals(
        clientJavaLines(OpenMetricsTextFormatWriter.create(), EscapingScheme.DEFAULT), ours());
  }

  @Test
  void counterLinesAreWhatBothWritersPrint() throws Exception {
    SampleLines.Sink sink = new SampleLines.Sink();
    POINTS.forEach(
        p -> sink.counter("salesforce_refresh_failures", p.labels(), Math.abs(p.value())));
    List<String> ours =
        sortedLines(
            new String(sink.bytes().get("salesforce_refresh_failures"), StandardCharsets.UTF_8));
    for (ExpositionFormatWriter writer :
        List.of(PrometheusTextFormatWriter.create(), OpenMetricsTextFormatWriter.create())) {
      CounterSnapshot.Builder counter =
          CounterSnapshot.builder().name("salesforce_refresh_failures").help("Failures.");
      POINTS.forEach(
          p ->
              counter.dataPoint(
                  CounterDataPointSnapshot.builder()
                      .labels(p.labels())
                      .value(Math.abs(p.value()))
                      .build()));
      assertEquals(samplesOf(writer, MetricSnapshots.of(counter.build())), ours);
    }
  }

  /** SampleLines writes names as they are; both formats would quote or escape any other name. */
  @Test
  void everyFamilyAndLabelNameIsALegacyName() {
    for (MetricFamilyDescriptor family : MetricFamilies.ALL) {
      String name = family.getMetadata().getName();
      assertTrue(PrometheusNaming.isValidLegacyMetricName(name), name);
      for (String label : family.getLabelNames()) {
        assertTrue(PrometheusNaming.isValidLegacyLabelName(label), name + " " + label);
      }
    }
  }

  private static List<String> ours() {
    StringBuilder out = new StringBuilder();
    POINTS.forEach(p -> SampleLines.append(out, NAME, p.labels(), p.value()));
    return sortedLines(out.toString());
  }

  private static List<String> clientJavaLines(ExpositionFormatWriter writer, EscapingScheme scheme)
      throws Exception {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(NAME).help("Max of a limit.");
    POINTS.forEach(
        p ->
            gauge.dataPoint(
                GaugeDataPointSnapshot.builder().labels(p.labels()).value(p.value()).build()));
    return samplesOf(writer, MetricSnapshots.of(gauge.build()), scheme);
  }

  private static List<String> samplesOf(ExpositionFormatWriter writer, MetricSnapshots snapshots)
      throws Exception {
    return samplesOf(writer, snapshots, EscapingScheme.ALLOW_UTF8);
  }

  private static List<String> samplesOf(
      ExpositionFormatWriter writer, MetricSnapshots snapshots, EscapingScheme scheme)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, snapshots, scheme);
    List<String> samples = new ArrayList<>();
    for (String line : sortedLines(out.toString(StandardCharsets.UTF_8))) {
      if (!line.startsWith("#")) {
        samples.add(line);
      }
    }
    assertEquals(POINTS.size(), samples.size());
    return samples;
  }

  private static List<String> sortedLines(String text) {
    assertTrue(text.endsWith("\n"));
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    lines.remove(lines.size() - 1);
    lines.sort(null);
    return lines;
  }
}
