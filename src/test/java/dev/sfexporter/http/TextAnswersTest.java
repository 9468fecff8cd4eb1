package dev.sfexporter.http;

import static dev.sfexporter.testing.Exposition.OPEN_METRICS;
import static dev.sfexporter.testing.Exposition.TEXT;
import static dev.sfexporter.testing.Exposition.comments;
import static dev.sfexporter.testing.Exposition.get;
import static dev.sfexporter.testing.Exposition.parsed;
import static dev.sfexporter.testing.Exposition.sampleLines;
import static dev.sfexporter.testing.Exposition.send;
import static dev.sfexporter.testing.OrgFixtures.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.EverySourceOrg;
import dev.sfexporter.testing.Exposition.Sample;
import dev.sfexporter.testing.ExternalTool;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.OrgFixtures;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Text scrapes (Prometheus text and OpenMetrics, plain and gzip, full and per org) serve the source
 * data as rendered once per refresh, and hold exactly the samples client_java renders from the same
 * state ({@code ?debug=text} and {@code ?debug=openmetrics} take client_java's path).
 */
class TextAnswersTest {
  static final String PROTOBUF =
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

  /** Limit names that need escaping, and values of every shape: strings as older APIs sent. */
  static final String ODD_LIMITS =
      """
      {"DailyApiRequests": {"Max": 15000, "Remaining": 14999.5,
         "Quote \\" back \\\\ slash \\n newline": {"Max": "Infinity", "Remaining": "-Infinity"}},
       "Odd \\"name\\" \\\\ with\\nnewline": {"Max": "NaN", "Remaining": -0.0},
       "Huge": {"Max": 1e21, "Remaining": 1.5e-7},
       "Zero": {"Max": 0, "Remaining": -42},
       "Ünïcödé ☃": {"Max": 12, "Remaining": 0.1}}
      """;

  @StartStop final MockWebServer prod = new MockWebServer();
  @StartStop final MockWebServer uat = new MockWebServer();
  private final MutableClock clock = new MutableClock();
  private final AtomicReference<MockResponse> prodLimits =
      new AtomicReference<>(Samples.json(200, ODD_LIMITS));

  private RunningExporter start() throws Exception {
    prod.setDispatcher(EverySourceOrg.dispatcher(prod, prodLimits));
    uat.setDispatcher(EverySourceOrg.dispatcher(uat, new AtomicReference<>(Samples.limits())));
    return RunningExporter.start(
        config(EverySourceOrg.config("prod", prod), EverySourceOrg.config("uat", uat)), clock);
  }

  @ParameterizedTest(name = "{0} gzip={1} query={2}")
  @CsvSource({
    "text, false, ''",
    "text, true, ''",
    "openmetrics, false, ''",
    "openmetrics, true, ''",
    "text, false, org=prod",
    "text, true, org=prod",
    "openmetrics, false, org=uat&org=prod",
    "openmetrics, true, org=prod"
  })
  void holdsTheSameSamplesAsClientJavasRenderingOfTheSameState(
      String format, boolean gzip, String query) throws Exception {
    boolean openMetrics = format.equals("openmetrics");
    try (RunningExporter exporter = start()) {
      String path = "/metrics" + (query.isEmpty() ? "" : "?" + query);
      get(exporter, path, TEXT, false); // the first scrape reads Salesforce
      String fast = get(exporter, path, openMetrics ? OPEN_METRICS : TEXT, gzip);
      String reference =
          get(
              exporter,
              "/metrics?debug=" + format + (query.isEmpty() ? "" : "&" + query),
              "",
              false);

      // client_java sorts families by name: the pre-rendered ones, first, show which path answered.
      assertTrue(
          fast.startsWith(
              openMetrics ? "# TYPE salesforce_limit_max gauge\n" : "# HELP salesforce_limit_max "),
          fast.substring(0, 100));
      assertFalse(reference.startsWith("# HELP salesforce_limit_max"));
      assertEquals(sampleLines(reference), sampleLines(fast));
      assertEquals(parsed(reference), parsed(fast));
      assertEquals(comments(reference), comments(fast));
      // The odd names and values went through the pre-rendered path, escaped as client_java does.
      String odd = "limit=\"Odd \\\"name\\\" \\\\ with\\nnewline\",org=\"prod\"}";
      assertTrue(fast.contains("salesforce_limit_max{" + odd + " NaN\n"), fast);
      assertTrue(fast.contains("salesforce_limit_remaining{" + odd + " -0.0\n"));
      assertTrue(fast.contains("salesforce_limit_max{limit=\"Huge\",org=\"prod\"} 1.0E21\n"));
      assertTrue(fast.contains("{limit=\"Huge\",org=\"prod\"} 1.5E-7\n"));
      assertTrue(fast.contains("{limit=\"DailyApiRequests\",org=\"prod\"} 14999.5\n"));
      assertTrue(fast.contains("{limit=\"Zero\",org=\"prod\"} -42.0\n"));
      assertTrue(
          fast.contains(
              "salesforce_limit_app_max{app=\"Quote \\\" back \\\\ slash \\n newline\","
                  + "limit=\"DailyApiRequests\",org=\"prod\"} +Inf\n"));
      assertTrue(fast.contains("org=\"prod\"} -Inf\n"));
      for (String family :
          List.of(
              "salesforce_limit_app_remaining",
              "salesforce_license_used",
              "salesforce_entitlement_allowed",
              "salesforce_records")) {
        assertTrue(fast.contains("\n" + family + "{"), family + " is served");
      }
    }
  }

  @Test
  void contentTypeAndEncodingAreClientJavas() throws Exception {
    try (RunningExporter exporter = start()) {
      HttpResponse<byte[]> text = send(exporter, "/metrics", TEXT, true);
      assertEquals(
          "text/plain; version=0.0.4; charset=utf-8",
          text.headers().firstValue("Content-Type").orElseThrow());
      assertEquals("gzip", text.headers().firstValue("Content-Encoding").orElseThrow());
      HttpResponse<byte[]> openMetrics = send(exporter, "/metrics?org=prod", OPEN_METRICS, false);
      assertEquals(
          "application/openmetrics-text; version=1.0.0; charset=utf-8",
          openMetrics.headers().firstValue("Content-Type").orElseThrow());
      assertTrue(openMetrics.headers().firstValue("Content-Encoding").isEmpty());
      assertEquals(
          openMetrics.body().length,
          Long.parseLong(openMetrics.headers().firstValue("Content-Length").orElseThrow()));
      HttpResponse<String> head =
          exporter.send(
              HttpRequest.newBuilder(exporter.uri("/metrics?org=prod"))
                  .header("Accept", OPEN_METRICS)
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build());
      assertEquals(200, head.statusCode());
      assertEquals("", head.body());
      assertEquals(
          String.valueOf(openMetrics.body().length),
          head.headers().firstValue("Content-Length").orElseThrow());
    }
  }

  /** Protobuf and name filters take client_java's path, with data points built on demand. */
  @Test
  void protobufAndFilteredScrapesServeTheSameData() throws Exception {
    try (RunningExporter exporter = start()) {
      String fast = get(exporter, "/metrics", TEXT, false);
      HttpResponse<byte[]> protobuf = send(exporter, "/metrics", PROTOBUF, true);
      assertEquals(200, protobuf.statusCode());
      assertTrue(protobuf.headers().firstValue("Content-Type").orElseThrow().contains("protobuf"));
      assertTrue(protobuf.body().length > 1000);

      String filtered =
          get(exporter, "/metrics?name[]=salesforce_limit_max&name[]=salesforce_up", TEXT, true);
      List<String> expected =
          sampleLines(fast).stream()
              .filter(l -> l.startsWith("salesforce_limit_max{") || l.startsWith("salesforce_up{"))
              .toList();
      assertEquals(expected, sampleLines(filtered));
      assertTrue(filtered.startsWith("# HELP salesforce_limit_max "), "sorted by client_java");
    }
  }

  /** Prometheus 3 may ask for dots escaping, which rewrites every name: one scheme per answer. */
  @Test
  void dotsEscapingRewritesEveryNameAlike() throws Exception {
    try (RunningExporter exporter = start()) {
      String dots = get(exporter, "/metrics", TEXT + ";escaping=dots", false);

      assertTrue(dots.contains("\nsalesforce__limit__max{"), "escaped as client_java does");
      assertTrue(dots.contains("\njvm__"), "the JVM's names too");
      assertFalse(dots.contains("\nsalesforce_limit_max{"), "no name left as it was");
    }
  }

  @ParameterizedTest(name = "{0} gzip={1}")
  @CsvSource({"text, false", "text, true", "openmetrics, false", "openmetrics, true"})
  void oneHeaderPerFamilyAndOpenMetricsEndsWithOneEof(String format, boolean gzip)
      throws Exception {
    boolean openMetrics = format.equals("openmetrics");
    try (RunningExporter exporter = start()) {
      for (String path : List.of("/metrics", "/metrics?org=prod&org=uat")) {
        String body = get(exporter, path, openMetrics ? OPEN_METRICS : TEXT, gzip);
        List<String> lines = body.lines().toList();
        Set<String> types = new HashSet<>();
        for (String line : lines) {
          if (line.startsWith("# TYPE ")) {
            assertTrue(types.add(line.split(" ")[2]), line + " twice in " + path);
          }
        }
        assertTrue(types.contains("salesforce_limit_max") && types.contains("salesforce_up"));
        long eofs = lines.stream().filter(l -> l.equals("# EOF")).count();
        assertEquals(openMetrics ? 1 : 0, eofs, path);
        assertTrue(body.endsWith(openMetrics ? "\n# EOF\n" : "\n"), path);
      }
    }
  }

  @Test
  void promtoolAcceptsTheTextAnswer() throws Exception {
    String promtool = ExternalTool.require("promtool", "prometheus").toString();
    try (RunningExporter exporter = start()) {
      for (String path : List.of("/metrics", "/metrics?org=prod")) {
        String body = get(exporter, path, TEXT, true);
        ExternalTool.Result result = ExternalTool.run(body, promtool, "check", "metrics");
        assertEquals(0, result.exitCode(), path + ": " + result.output());
      }
    }
  }

  @Test
  void aRefreshedValueChangesTheServedBytes() throws Exception {
    try (RunningExporter exporter = start()) {
      String before = get(exporter, "/metrics", OPEN_METRICS, true);
      assertTrue(before.contains("salesforce_limit_max{limit=\"Huge\",org=\"prod\"} 1.0E21\n"));

      prodLimits.set(Samples.json(200, ODD_LIMITS.replace("1e21", "2.5")));
      assertEquals(
          sampleLines(before),
          sampleLines(get(exporter, "/metrics", OPEN_METRICS, true)),
          "no refresh is due");
      clock.advance(OrgFixtures.FIVE_MINUTES.plusSeconds(1));
      String after = get(exporter, "/metrics", OPEN_METRICS, true);

      assertTrue(after.contains("salesforce_limit_max{limit=\"Huge\",org=\"prod\"} 2.5\n"), after);
      assertFalse(after.contains("1.0E21"));
      assertEquals(parsed(get(exporter, "/metrics?debug=openmetrics", "", false)), parsed(after));
    }
  }

  @Test
  void aSourcePastMaxStalenessServesNoDataAndAFailingOneItsLastValues() throws Exception {
    try (RunningExporter exporter = start()) {
      get(exporter, "/metrics", TEXT, false);
      prodLimits.set(
          Samples.json(503, "[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"x\"}]"));

      clock.advance(OrgFixtures.FIVE_MINUTES.plusSeconds(1));
      Set<Sample> failing = parsed(get(exporter, "/metrics", OPEN_METRICS, true));
      assertTrue(failing.contains(new Sample("salesforce_up", "{org=prod}", 0)));
      assertTrue(
          failing.contains(
              new Sample("salesforce_limit_remaining", "{limit=Zero, org=prod}", -42)));

      clock.advance(Duration.ofHours(1).plus(OrgFixtures.FIVE_MINUTES));
      String stale = get(exporter, "/metrics", OPEN_METRICS, true);
      assertTrue(parsed(stale).contains(new Sample("salesforce_up", "{org=prod}", 0)));
      assertFalse(stale.contains("salesforce_limit_max{limit=\"Zero\",org=\"prod\"}"));
      assertTrue(stale.contains("salesforce_limit_max{limit=\"DailyApiRequests\",org=\"uat\"}"));
      assertTrue(stale.contains("salesforce_license_max{license=\"Salesforce\",org=\"prod\""));
      assertEquals(parsed(get(exporter, "/metrics?debug=openmetrics", "", false)), parsed(stale));
    }
  }
}
