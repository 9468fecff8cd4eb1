package dev.sfexporter.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sfexporter.collect.SalesforceCollector;
import dev.sfexporter.collect.TextScrape;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.config.ExporterFilterProperties;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /metrics} in the two text formats (Prometheus 0.0.4 and OpenMetrics 1.0, negotiated as
 * client_java negotiates them) without rendering the bulk again at every scrape: the collector's
 * sample lines (source data rendered once per refresh, each org's status when it changes) are
 * written as they are under their family's header; client_java renders the rest (the process's JVM
 * metrics, build info), and the whole is gzipped, when the client accepts it, at the fastest level.
 */
final class TextAnswers {
  private final ExpositionFormats formats;
  private final boolean preferUncompressed;
  private final boolean namesFiltered;
  private final PrometheusRegistry full;
  private final SalesforceCollector collector;
  private final Predicate<String> notCollectors;

  /**
   * @param full the registry of full scrapes: the collector and the process's own metrics
   */
  TextAnswers(PrometheusRegistry full, SalesforceCollector collector) {
    PrometheusProperties properties = PrometheusProperties.get();
    this.formats = ExpositionFormats.init(properties);
    this.preferUncompressed =
        properties.getExporterHttpServerProperties().isPreferUncompressedResponse();
    ExporterFilterProperties filter = properties.getExporterFilterProperties();
    this.namesFiltered =
        filter.getAllowedMetricNames() != null
            || filter.getExcludedMetricNames() != null
            || filter.getAllowedMetricNamePrefixes() != null
            || filter.getExcludedMetricNamePrefixes() != null;
    this.full = full;
    this.collector = collector;
    Set<String> collectors = new HashSet<>();
    collector.getMetricFamilyDescriptors().forEach(f -> collectors.add(f.getPrometheusName()));
    this.notCollectors = name -> !collectors.contains(name);
  }

  /**
   * The answer, or null when client_java's handler must give it: another format (protobuf), a
   * {@code name[]} filter or {@code debug}, or names filtered by client_java's properties.
   *
   * @param perOrg a {@code ?org=} scrape: the collector only, without the process's metrics
   */
  Answer answer(PrometheusHttpRequest request, boolean perOrg) throws IOException {
    try {
      if (namesFiltered
          || request.getParameterValues("name[]") != null
          || request.getParameter("debug") != null) {
        return null;
      }
    } catch (RuntimeException e) {
      return null; // a query client_java cannot read: its handler answers 400
    }
    String accept = request.getHeader("Accept");
    EscapingScheme escaping = EscapingScheme.fromAcceptHeader(accept);
    if (escaping == EscapingScheme.DOTS_ESCAPING) {
      return null; // it rewrites even valid names; the pre-rendered lines are written as they are
    }
    ExpositionFormatWriter writer = formats.findWriter(accept);
    boolean openMetrics = writer.getClass() == OpenMetricsTextFormatWriter.class;
    if (!openMetrics && writer.getClass() != PrometheusTextFormatWriter.class) {
      return null;
    }
    TextScrape scrape = collector.collectText(request);
    MetricSnapshots rest = scrape.snapshots();
    if (!perOrg) {
      rest = union(full.scrape(notCollectors, request), rest);
    }
    List<byte[]> body = new ArrayList<>(perOrg ? 64 : 4 * 1024);
    for (TextScrape.Family family : scrape.rendered()) {
      body.add(FamilyHeader.of(family.descriptor(), openMetrics).getBytes(UTF_8));
      body.addAll(family.orgs());
    }
    // Last: OpenMetrics' single "# EOF" is the end of client_java's part.
    // A per-org answer's own part is build_info alone; a full one holds the JVM's metrics.
    ByteArrayOutputStream others = new ByteArrayOutputStream(perOrg ? 1024 : 64 * 1024);
    writer.write(others, rest, escaping);
    body.add(others.toByteArray());

    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", writer.getContentType());
    if (!preferUncompressed && acceptsGzip(request)) {
      headers.put("Content-Encoding", "gzip");
      body = List.of(gzip(body));
    }
    return new Answer(200, headers, body);
  }

  private static MetricSnapshots union(MetricSnapshots a, MetricSnapshots b) {
    MetricSnapshots.Builder union = MetricSnapshots.builder();
    for (MetricSnapshot snapshot : a) {
      union.metricSnapshot(snapshot);
    }
    for (MetricSnapshot snapshot : b) {
      union.metricSnapshot(snapshot);
    }
    return union.build();
  }

  /** As client_java decides: an {@code Accept-Encoding} that lists gzip. */
  private static boolean acceptsGzip(PrometheusHttpRequest request) {
    Enumeration<String> headers = request.getHeaders("Accept-Encoding");
    while (headers != null && headers.hasMoreElements()) {
      for (String encoding : headers.nextElement().split(",")) {
        if (encoding.trim().equalsIgnoreCase("gzip")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * At the fastest level: about 4 times as fast as the default for little more size, since the
   * exposition repeats itself so much (measured: 10.7 MB deflated in 30 ms instead of 110 ms).
   */
  private static byte[] gzip(List<byte[]> pieces) throws IOException {
    long size = 0;
    for (byte[] piece : pieces) {
      size += piece.length;
    }
    // The exposition compresses ~15 times; the buffers are sized for that, not for a full scrape.
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size / 8 + 512, 1 << 20));
    try (GZIPOutputStream gzip =
        new GZIPOutputStream(out, (int) Math.min(size + 512, 64 * 1024)) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      for (byte[] piece : pieces) {
        gzip.write(piece);
      }
    }
    return out.toByteArray();
  }
}
