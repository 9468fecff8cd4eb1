package dev.sfexporter.collect;

import static dev.sfexporter.testing.OrgFixtures.config;
import static dev.sfexporter.testing.OrgFixtures.count;
import static dev.sfexporter.testing.OrgFixtures.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.config.ApiUsageOptions;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.config.Sources;
import dev.sfexporter.testing.LogCapture;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.OrgFixtures;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The api_usage source over a MockWebServer serving EventLogFile rows and log files. */
class ApiUsageTest {
  private static final String LOG = "/services/data/v64.0/sobjects/EventLogFile/0AT1/LogFile";
  private static final String SAMPLE = Samples.resource("/salesforce/apitotalusage-sample.csv");

  @StartStop final MockWebServer salesforce = new MockWebServer();
  private final MutableClock clock = new MutableClock();
  private volatile String csv = SAMPLE;
  private volatile boolean gzip = true;
  private volatile String logId = "0AT1";
  private volatile MockResponse eventLogAnswer;

  private Dispatcher salesforce() {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String query = request.getUrl().queryParameter("q");
        MockResponse common = OrgFixtures.tokenOrLimits(salesforce, request);
        if (common != null) {
          return common;
        }
        if (path.equals(LOG)) {
          return logFile(request);
        }
        if (query != null && query.contains("FROM EventLogFile")) {
          return eventLogAnswer != null
              ? eventLogAnswer
              : Samples.json(
                  200,
                  "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\""
                      + logId
                      + "\",\"LogDate\":\"2026-11-20T00:00:00.000+0000\",\"Interval\":\"Daily\","
                      + "\"LogFile\":\""
                      + LOG
                      + "\",\"LogFileFieldNames\":\"CLIENT_NAME,API_FAMILY\"}]}");
        }
        return Samples.json(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"no\"}]");
      }
    };
  }

  private volatile boolean slow;

  private MockResponse logFile(RecordedRequest request) {
    if (slow) {
      return new MockResponse.Builder()
          .code(200)
          .body(new Buffer().writeUtf8(SAMPLE))
          .throttleBody(64, 1, java.util.concurrent.TimeUnit.SECONDS)
          .build();
    }
    byte[] plain = csv.getBytes(StandardCharsets.UTF_8);
    MockResponse.Builder answer = new MockResponse.Builder().code(200);
    answer.setHeader("Content-Type", "text/csv");
    if (gzip && "gzip".equals(request.getHeaders().get("Accept-Encoding"))) {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
        out.write(plain);
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
      answer.setHeader("Content-Encoding", "gzip");
      answer.body(new Buffer().write(zipped.toByteArray()));
    } else {
      answer.body(new Buffer().write(plain));
    }
    return answer.build();
  }

  private OrgConfig org(ApiUsageOptions options) {
    return dev.sfexporter.testing.OrgFixtures.prod(
        salesforce,
        Map.of(
            Sources.LICENSES, new SourceConfig(false, Duration.ofHours(1), List.of()),
            Sources.ENTITLEMENTS, new SourceConfig(false, Duration.ofHours(1), List.of()),
            Sources.RECORD_COUNTS, new SourceConfig(false, Duration.ofHours(6), List.of()),
            Sources.ORG, new SourceConfig(false, Duration.ofHours(24), List.of()),
            Sources.API_USAGE, new SourceConfig(true, Duration.ofHours(6), List.of(), options)));
  }

  private static double requests(Metrics m, String client, String family, String counted) {
    return m.require(
        "salesforce_api_usage_requests",
        "org",
        "prod",
        "client",
        client,
        "api_family",
        family,
        "counts_against_limit",
        counted);
  }

  @Test
  void callsAreCountedPerClientFromAGzippedLog() throws Exception {
    salesforce.setDispatcher(salesforce());
    try (RunningExporter exporter =
        RunningExporter.start(config(org(ApiUsageOptions.DEFAULTS)), clock)) {
      Metrics m = exporter.scrape();
      assertEquals(1, m.require("salesforce_source_up", "source", "api_usage"));
      assertEquals(2, requests(m, "Order Hub", "REST", "true"));
      assertEquals(1, requests(m, "Warehouse, \"North\" Sync", "SOAP", "true"), "quoted CSV");
      assertEquals(1, requests(m, "Limits Monitor", "REST", "true"), "the app wins over client");
      assertEquals(1, requests(m, "partner-cli/2.1", "ApexREST", "true"), "else the client name");
      assertEquals(1, requests(m, "unknown", "Bulk", "true"), "else unknown");
      assertEquals(1, requests(m, "unknown", "REST", "false"));
      assertEquals(6, m.find("salesforce_api_usage_requests").size());
      assertEquals(
          1_795_132_800,
          m.require("salesforce_api_usage_period_start_timestamp_seconds", "org", "prod"));
      assertEquals(86400, m.require("salesforce_api_usage_period_seconds", "org", "prod"));
      List<RecordedRequest> calls = drain(salesforce);
      RecordedRequest download =
          calls.stream().filter(r -> r.getUrl().encodedPath().equals(LOG)).findFirst().get();
      assertEquals("gzip", download.getHeaders().get("Accept-Encoding"));
      assertEquals("client=salesforce-exporter", download.getHeaders().get("Sforce-Call-Options"));
      assertEquals(
          1,
          m.require(
              "salesforce_exporter_api_requests_total", "org", "prod", "endpoint", "logfile"));
    }
  }

  @Test
  void csvQuirksPlainTextOtherColumnOrderExtraColumnsEmptyFieldsCrlf() throws Exception {
    gzip = false;
    csv =
        "\"EXTRA\",\"COUNTS_AGAINST_API_LIMIT\",\"API_FAMILY\",\"CONNECTED_APP_NAME\","
            + "\"CLIENT_NAME\",\"MORE\"\r\n"
            + "\"x\",\"true\",\"REST\",\"A \"\"quoted\"\", app\",\"\",\"y\"\r\n"
            + "\"x\",\"true\",\"REST\",\"A \"\"quoted\"\", app\",\"\",\"y\"\r\n"
            + "\"\",\"false\",\"SOAP\",\"\",\"cli, with comma\",\"\"\r\n"
            + "\r\n";
    salesforce.setDispatcher(salesforce());
    try (RunningExporter exporter =
        RunningExporter.start(config(org(ApiUsageOptions.DEFAULTS)), clock)) {
      Metrics m = exporter.scrape();
      assertEquals(2, requests(m, "A \"quoted\", app", "REST", "true"));
      assertEquals(1, requests(m, "cli, with comma", "SOAP", "false"));
      assertEquals(2, m.find("salesforce_api_usage_requests").size());
    }
  }

  @Test
  void aLogIsDownloadedOnceAndANewOneReplacesIt() throws Exception {
    salesforce.setDispatcher(salesforce());
    try (RunningExporter exporter =
        RunningExporter.start(config(org(ApiUsageOptions.DEFAULTS)), clock)) {
      exporter.scrape();
      assertEquals(1, count(drain(salesforce), "/LogFile"));
      clock.advance(Duration.ofHours(6));
      Metrics same = exporter.scrape();
      List<RecordedRequest> later = drain(salesforce);
      assertEquals(0, count(later, "/LogFile"), "the same log is not downloaded again");
      assertEquals(1, later.stream().filter(r -> r.getUrl().queryParameter("q") != null).count());
      assertEquals(2, requests(same, "Order Hub", "REST", "true"));

      logId = "0AT2";
      csv = SAMPLE.replace("Order Hub", "Order Hub v2");
      clock.advance(Duration.ofHours(6));
      Metrics next = exporter.scrape();
      assertEquals(1, count(drain(salesforce), "/LogFile"));
      assertEquals(2, requests(next, "Order Hub v2", "REST", "true"));
      assertTrue(next.find("salesforce_api_usage_requests", "client", "Order Hub").isEmpty());
    }
  }

  @Test
  void theBusiestClientsKeepTheirNamesAndTheRestAreOther() throws Exception {
    salesforce.setDispatcher(salesforce());
    ApiUsageOptions two = new ApiUsageOptions("Daily", 2, true, 1L << 30, Duration.ofMinutes(1));
    try (RunningExporter exporter = RunningExporter.start(config(org(two)), clock)) {
      Metrics m = exporter.scrape();
      List<String> clients =
          m.find("salesforce_api_usage_requests").stream()
              .map(s -> s.labels().get("client"))
              .distinct()
              .sorted()
              .toList();
      // Order Hub (2 calls) and unknown (2 calls) are the busiest; 4 others fold into other.
      assertEquals(List.of("Order Hub", "other", "unknown"), clients);
      double other =
          m.find("salesforce_api_usage_requests", "client", "other").stream()
              .mapToDouble(Metrics.Sample::value)
              .sum();
      assertEquals(3, other);
      assertEquals(
          2,
          m.require(
              "salesforce_api_usage_requests",
              "client",
              "Order Hub",
              "user",
              "orders@northwind.example"),
          "by_user adds the user label");
    }
  }

  @Test
  void noLogYetMeansNoSeriesAndNoError() throws Exception {
    eventLogAnswer = Samples.json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}");
    salesforce.setDispatcher(salesforce());
    try (RunningExporter exporter =
        RunningExporter.start(config(org(ApiUsageOptions.DEFAULTS)), clock)) {
      Metrics m = exporter.scrape();
      assertEquals(1, m.require("salesforce_source_up", "source", "api_usage"));
      assertTrue(m.find("salesforce_api_usage_requests").isEmpty());
      assertTrue(m.find("salesforce_api_usage_period_seconds").isEmpty());
    }
  }

  @Test
  void withoutThePermissionOnlyThisSourceIsDownAndTheLogSaysWhatToGrant() throws Exception {
    eventLogAnswer =
        Samples.json(
            400,
            "[{\"message\":\"sObject type 'EventLogFile' is not supported.\","
                + "\"errorCode\":\"INVALID_TYPE\"}]");
    salesforce.setDispatcher(salesforce());
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter =
            RunningExporter.start(config(org(ApiUsageOptions.DEFAULTS)), clock)) {
      Metrics m = exporter.scrape();
      assertEquals(0, m.require("salesforce_source_up", "source", "api_usage"));
      assertEquals(1, m.require("salesforce_up", "org", "prod"));
      List<String> lines = logs.linesWith("source=api_usage");
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).contains("View Event Log Files"), lines.get(0));
    }
  }

  @Test
  void aLogOverMaxLogBytesFailsClearlyAndKeepsTheLastFigures() throws Exception {
    salesforce.setDispatcher(salesforce());
    ApiUsageOptions small = new ApiUsageOptions("Daily", 50, false, 600, Duration.ofMinutes(1));
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter = RunningExporter.start(config(org(small)), clock)) {
      gzip = false;
      csv = SAMPLE.substring(0, 500); // the first file fits
      exporter.scrape();
      logId = "0AT2";
      csv = SAMPLE;
      clock.advance(Duration.ofHours(6));
      Metrics m = exporter.scrape();
      assertEquals(0, m.require("salesforce_source_up", "source", "api_usage"));
      assertEquals(1, requests(m, "Order Hub", "REST", "true"), "the last known figures stay");
      assertTrue(logs.all().contains("download larger than max_log_bytes (600 bytes)"), logs.all());
    }
  }

  @Test
  void aDownloadPastDownloadTimeoutFailsAsATimeout() throws Exception {
    slow = true;
    salesforce.setDispatcher(salesforce());
    ApiUsageOptions quick =
        new ApiUsageOptions("Daily", 50, false, 1L << 30, Duration.ofSeconds(1));
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter = RunningExporter.start(config(org(quick)), clock)) {
      Metrics m = exporter.scrape("/metrics", "X-Prometheus-Scrape-Timeout-Seconds", "5");
      assertEquals(0, m.require("salesforce_source_up", "source", "api_usage"));
      assertTrue(logs.all().contains("not complete within download_timeout 1s"), logs.all());
      assertTrue(logs.all().contains("reason=timeout"), logs.all());
    }
  }

  @Test
  void aLogWithoutAHeaderIsReadWithLogFileFieldNames() throws Exception {
    gzip = false;
    csv = "\"true\",\"REST\",\"App One\"\r\n\"false\",\"SOAP\",\"App One\"\r\n";
    eventLogAnswer =
        Samples.json(
            200,
            "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"0AT9\",\"LogDate\":"
                + "\"2026-11-20T00:00:00.000+0000\",\"LogFile\":\""
                + LOG
                + "\",\"LogFileFieldNames\":"
                + "\"COUNTS_AGAINST_API_LIMIT,API_FAMILY,CONNECTED_APP_NAME\"}]}");
    salesforce.setDispatcher(salesforce());
    try (RunningExporter exporter =
        RunningExporter.start(config(org(ApiUsageOptions.DEFAULTS)), clock)) {
      Metrics m = exporter.scrape();
      assertEquals(1, requests(m, "App One", "REST", "true"));
      assertEquals(1, requests(m, "App One", "SOAP", "false"));
    }
  }

  @Test
  void byUserKeepsEachClientsBusiestUsersAndSumsTheRestAsOther() throws Exception {
    gzip = false;
    csv =
        "CONNECTED_APP_NAME,API_FAMILY,COUNTS_AGAINST_API_LIMIT,USER_NAME\n"
            + "A,REST,true,u1\nA,REST,true,u1\nA,REST,true,u1\n"
            + "A,REST,true,u2\nA,REST,true,u2\n"
            + "A,REST,true,u3\n";
    salesforce.setDispatcher(salesforce());
    ApiUsageOptions two = new ApiUsageOptions("Daily", 2, true, 1L << 30, Duration.ofMinutes(1));
    try (RunningExporter exporter = RunningExporter.start(config(org(two)), clock)) {
      Metrics m = exporter.scrape();
      assertEquals(3, m.require("salesforce_api_usage_requests", "client", "A", "user", "u1"));
      assertEquals(2, m.require("salesforce_api_usage_requests", "client", "A", "user", "u2"));
      assertEquals(1, m.require("salesforce_api_usage_requests", "client", "A", "user", "other"));
      assertEquals(3, m.find("salesforce_api_usage_requests").size());
    }
  }
}
