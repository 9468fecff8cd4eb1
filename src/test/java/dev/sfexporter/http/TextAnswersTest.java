package dev.sfexporter.http;

import static dev.sfexporter.testing.OrgFixtures.clientCredentials;
import static dev.sfexporter.testing.OrgFixtures.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.testing.ExternalTool;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.OrgFixtures;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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
  static final String TEXT = "text/plain;version=0.0.4";

  /** What Prometheus 3 sends by default. */
  static final String OPEN_METRICS =
      "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
          + "application/openmetrics-text;version=0.0.1;q=0.4,"
          + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,"
          + "text/plain;version=0.0.4;q=0.2,*/*;q=0.1";

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

  private static final JsonObject QUERIES =
      JsonParser.parseString(Samples.resource("/salesforce/query-samples.json")).getAsJsonObject();

  @StartStop final MockWebServer prod = new MockWebServer();
  @StartStop final MockWebServer uat = new MockWebServer();
  private final MutableClock clock = new MutableClock();
  private final AtomicReference<MockResponse> prodLimits =
      new AtomicReference<>(Samples.json(200, ODD_LIMITS));

  private RunningExporter start() throws Exception {
    prod.setDispatcher(everySource(prod, prodLimits));
    uat.setDispatcher(everySource(uat, new AtomicReference<>(Samples.limits())));
    return RunningExporter.start(config(everySource("prod", prod), everySource("uat", uat)), clock);
  }

  /** An org with the shipped defaults: every source on. */
  private static OrgConfig everySource(String name, MockWebServer server) {
    OrgConfig limitsOnly = clientCredentials(name, server);
    return new OrgConfig(
        name,
        limitsOnly.loginUrl(),
        limitsOnly.apiVersion(),
        limitsOnly.refreshInterval(),
        limitsOnly.timeout(),
        limitsOnly.maxStaleness(),
        limitsOnly.auth(),
        Map.of());
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
      if (!query.equals("org=uat")) {
        assertTrue(
            fast.contains(
                "salesforce_limit_max{limit=\"Odd \\\"name\\\" \\\\ with\\nnewline\",org=\"prod\"}"
                    + " NaN\n"),
            fast);
        assertTrue(fast.contains("limit=\"Huge\",org=\"prod\"} 1.0E21\n"));
        assertTrue(
            fast.contains("limit=\"Odd \\\"name\\\" \\\\ with\\nnewline\",org=\"prod\"} -0.0\n"));
        assertTrue(fast.contains("org=\"prod\"} +Inf\n") && fast.contains("org=\"prod\"} -Inf\n"));
      }
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

  /** One sample, its labels in order and unescaped; records compare doubles as NaN == NaN. */
  record Sample(String name, String labels, double value) {}

  /** Sample lines but the process's own, which change from one scrape to the next. */
  private static List<String> sampleLines(String body) {
    List<String> samples = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (!line.startsWith("#") && !line.startsWith("jvm_") && !line.startsWith("process_")) {
        samples.add(line);
      }
    }
    samples.sort(null);
    return samples;
  }

  /** The samples of {@link #sampleLines}, parsed: each once, or the set would hide a duplicate. */
  static Set<Sample> parsed(String body) {
    Set<Sample> samples = new HashSet<>();
    for (String line : sampleLines(body)) {
      assertTrue(samples.add(parse(line)), "twice: " + line);
    }
    return samples;
  }

  private static Sample parse(String line) {
    int end = line.lastIndexOf(' ');
    String series = line.substring(0, end);
    int brace = series.indexOf('{');
    String name = brace < 0 ? series : series.substring(0, brace);
    java.util.Map<String, String> labels = new java.util.TreeMap<>();
    for (int i = brace + 1; brace >= 0 && i < series.length() - 1; ) {
      int equals = series.indexOf("=\"", i);
      String label = series.substring(i, equals);
      StringBuilder value = new StringBuilder();
      int j = equals + 2;
      for (; series.charAt(j) != '"'; j++) {
        char c = series.charAt(j);
        if (c == '\\') {
          char next = series.charAt(++j);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
      }
      labels.put(label, value.toString());
      i = j + 2; // past the quote and the comma or brace
    }
    String text = line.substring(end + 1);
    double value =
        switch (text) {
          case "+Inf" -> Double.POSITIVE_INFINITY;
          case "-Inf" -> Double.NEGATIVE_INFINITY;
          default -> Double.parseDouble(text);
        };
    return new Sample(name, labels.toString(), value);
  }

  private static Set<String> comments(String body) {
    Set<String> comments = new TreeSet<>();
    body.lines().filter(l -> l.startsWith("#")).forEach(comments::add);
    return comments;
  }

  static String get(RunningExporter exporter, String path, String accept, boolean gzip)
      throws Exception {
    HttpResponse<byte[]> response = send(exporter, path, accept, gzip);
    assertEquals(200, response.statusCode(), path);
    byte[] body = response.body();
    boolean zipped = response.headers().firstValue("Content-Encoding").orElse("").equals("gzip");
    assertEquals(gzip, zipped, "gzip answered when asked for: " + path);
    if (zipped) {
      body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  static HttpResponse<byte[]> send(
      RunningExporter exporter, String path, String accept, boolean gzip) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(exporter.uri(path)).timeout(Duration.ofSeconds(30));
    if (!accept.isEmpty()) {
      request.header("Accept", accept);
    }
    if (gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Every source answers: /limits with {@code limits}, the rest with the documented samples. */
  private static Dispatcher everySource(
      MockWebServer server, AtomicReference<MockResponse> limits) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String query = request.getUrl().queryParameter("q");
        if (path.endsWith("/limits")) {
          return limits.get();
        }
        MockResponse common = OrgFixtures.tokenOrLimits(server, request);
        if (common != null) {
          return common;
        }
        if (path.endsWith("/limits/recordCount")) {
          return Samples.json(200, Samples.resource("/salesforce/recordcount-sample.json"));
        }
        if (path.contains("/query/01gxx")) {
          return sample("userlicense_page_2");
        }
        if (path.endsWith("/LogFile")) {
          return new MockResponse.Builder()
              .code(200)
              .setHeader("Content-Type", "text/csv")
              .body(Samples.resource("/salesforce/apitotalusage-sample.csv"))
              .build();
        }
        if (query == null) {
          return Samples.json(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"no\"}]");
        }
        for (String[] route :
            List.of(
                new String[] {"FROM EventLogFile", "eventlogfile_apitotalusage"},
                new String[] {"FROM UserLicense", "userlicense_page_1"},
                new String[] {"FROM PermissionSetLicense", "permissionsetlicense"},
                new String[] {"FROM TenantUsageEntitlement", "tenantusageentitlement"})) {
          if (query.contains(route[0])) {
            return sample(route[1]);
          }
        }
        return sample("organization");
      }
    };
  }

  private static MockResponse sample(String name) {
    return Samples.json(200, QUERIES.getAsJsonObject(name).get("body").toString());
  }
}
