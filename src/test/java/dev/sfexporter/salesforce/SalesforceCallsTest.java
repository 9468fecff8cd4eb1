package dev.sfexporter.salesforce;

import static dev.sfexporter.testing.OrgFixtures.clientCredentials;
import static dev.sfexporter.testing.OrgFixtures.config;
import static dev.sfexporter.testing.OrgFixtures.drain;
import static dev.sfexporter.testing.TestOrgs.base;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.testing.LogCapture;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** How the exporter talks to Salesforce: what it sends, what it refuses, how long it waits. */
class SalesforceCallsTest {
  @StartStop final MockWebServer salesforce = new MockWebServer();
  private final MutableClock clock = new MutableClock();

  private static OrgConfig withVersion(OrgConfig org, String version) {
    return new OrgConfig(
        org.name(),
        org.loginUrl(),
        version,
        org.refreshInterval(),
        org.timeout(),
        org.maxStaleness(),
        org.auth());
  }

  private static OrgConfig withTimeout(OrgConfig org, Duration timeout) {
    return new OrgConfig(
        org.name(),
        org.loginUrl(),
        org.apiVersion(),
        org.refreshInterval(),
        timeout,
        org.maxStaleness(),
        org.auth());
  }

  private static double failures(Metrics metrics, String reason) {
    return metrics.require("salesforce_refresh_failures_total", "org", "prod", "reason", reason);
  }

  private static String tokenAnswer(String instanceUrl, String accessToken) {
    return "{\"access_token\":\""
        + accessToken
        + "\",\"instance_url\":\""
        + instanceUrl
        + "\",\"id\":\"https://login.salesforce.com/id/00D5g00000AbCdEEAR/0055g00000XyZ12AAB\","
        + "\"token_type\":\"Bearer\"}";
  }

  @Test
  void autoVersionEveryCallNamedAndOrgInfoFromTheTokenAnswer() throws Exception {
    String instance = base(salesforce).toString();
    salesforce.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.endsWith("/token")) {
              return Samples.json(200, tokenAnswer(instance, "00Dsession!abc"));
            }
            return path.equals("/services/data/") ? Samples.versions() : Samples.limits();
          }
        });
    OrgConfig auto = withVersion(clientCredentials("prod", salesforce), "auto");
    try (RunningExporter exporter = RunningExporter.start(config(auto), clock)) {
      Metrics metrics = exporter.scrape();
      List<RecordedRequest> calls = drain(salesforce);
      assertEquals(
          List.of("/services/oauth2/token", "/services/data/", "/services/data/v65.0/limits"),
          calls.stream().map(r -> r.getUrl().encodedPath()).toList(),
          "the newest version the org lists, not the first");
      for (RecordedRequest call : calls) {
        assertEquals(
            "client=salesforce-exporter",
            call.getHeaders().get("Sforce-Call-Options"),
            call.getUrl().encodedPath());
      }
      assertEquals(
          null,
          calls.get(1).getHeaders().get("Authorization"),
          "the versions list needs no session");
      assertEquals(
          1,
          metrics.require(
              "salesforce_org_info",
              "org",
              "prod",
              "org_id",
              "00D5g00000AbCdEEAR",
              "instance_url",
              instance,
              "api_version",
              "65.0"));
      assertEquals(
          1,
          metrics.require(
              "salesforce_exporter_api_requests_total", "org", "prod", "endpoint", "versions"));

      for (int i = 0; i < 12; i++) {
        clock.advance(Duration.ofHours(2));
        exporter.scrape();
      }
      long lookups =
          drain(salesforce).stream()
              .filter(r -> r.getUrl().encodedPath().equals("/services/data/"))
              .count();
      assertEquals(1, lookups, "looked up again once a day, not on every refresh");
    }
  }

  @Test
  void aPinnedVersionMakesNoLookUp() throws Exception {
    String instance = base(salesforce).toString();
    salesforce.enqueue(Samples.json(200, tokenAnswer(instance, "00Dsession!abc")));
    salesforce.enqueue(Samples.limits());
    try (RunningExporter exporter =
        RunningExporter.start(config(clientCredentials("prod", salesforce)), clock)) {
      assertEquals(
          1,
          exporter.scrape().require("salesforce_org_info", "org", "prod", "api_version", "64.0"));
      salesforce.takeRequest();
      assertEquals("/services/data/v64.0/limits", salesforce.takeRequest().getUrl().encodedPath());
    }
  }

  @Test
  void aTokenForAnInstanceWithoutHttpsIsNeverUsed() throws Exception {
    salesforce.enqueue(
        Samples.json(200, tokenAnswer("http://user:pw@acme.my.salesforce.com", "00Dx!secret")));
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter =
            RunningExporter.start(config(clientCredentials("prod", salesforce)), clock)) {
      Metrics metrics = exporter.scrape();
      assertEquals(1, failures(metrics, "invalid_response"));
      assertEquals(1, salesforce.getRequestCount(), "the bearer token was not sent anywhere");
      // Other test classes log in parallel: pick this test's line by what it must say.
      String line = logs.linesWith("must use https").get(0);
      assertFalse(line.contains("user:pw"), "user info is not shown: " + line);
    }
  }

  @Test
  void anOversizedTokenIsRefused() throws Exception {
    salesforce.enqueue(
        Samples.json(200, tokenAnswer(base(salesforce).toString(), "x".repeat(17 * 1024))));
    try (RunningExporter exporter =
        RunningExporter.start(config(clientCredentials("prod", salesforce)), clock)) {
      assertEquals(1, failures(exporter.scrape(), "invalid_response"));
      assertEquals(1, salesforce.getRequestCount());
    }
  }

  @Test
  void aTokenWhoseInstanceCannotBeReachedIsDropped() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "http://127.0.0.1:" + closedPort;
    salesforce.enqueue(Samples.json(200, tokenAnswer(unreachable, "00Dsession!one")));
    salesforce.enqueue(Samples.json(200, tokenAnswer(unreachable, "00Dsession!two")));
    try (RunningExporter exporter =
        RunningExporter.start(config(clientCredentials("prod", salesforce)), clock)) {
      assertEquals(1, failures(exporter.scrape(), "network"));
      clock.advance(Duration.ofSeconds(30));
      assertEquals(2, failures(exporter.scrape(), "network"));
      assertEquals(2, salesforce.getRequestCount(), "the next attempt starts with a new token");
    }
  }

  @Test
  void theTokenRequestTheCallAndTheRetryShareOneDeadline() throws Exception {
    String instance = base(salesforce).toString();
    salesforce.enqueue(
        Samples.json(200, tokenAnswer(instance, "00Dsession!abc"))
            .newBuilder()
            .headersDelay(1200, TimeUnit.MILLISECONDS)
            .build());
    salesforce.enqueue(
        Samples.limits().newBuilder().headersDelay(1200, TimeUnit.MILLISECONDS).build());
    OrgConfig org = withTimeout(clientCredentials("prod", salesforce), Duration.ofSeconds(2));
    try (RunningExporter exporter = RunningExporter.start(config(org), clock)) {
      Metrics metrics = exporter.scrape();
      // Each call alone fits in 2 s; together they do not, and together is what counts.
      assertEquals(1, failures(metrics, "timeout"));
      double took = metrics.require("salesforce_refresh_duration_seconds", "org", "prod");
      assertTrue(took >= 1.9 && took < 2.6, "the refresh stopped at its deadline: " + took);

      // A timeout says nothing against the token: the next attempt keeps it.
      salesforce.enqueue(Samples.limits());
      clock.advance(Duration.ofSeconds(30));
      assertEquals(1, exporter.scrape().require("salesforce_up", "org", "prod"));
      assertEquals(3, salesforce.getRequestCount(), "no second token request");
    }
  }

  @Test
  void anEndlessBodyIsCutOffAtTheCapNotReadToTheEnd() throws Exception {
    try (ServerSocket endless = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> serveEndlessBody(endless), "endless-body");
      server.setDaemon(true);
      server.start();
      OrgConfig org =
          new OrgConfig(
              "prod",
              java.net.URI.create("http://127.0.0.1:" + endless.getLocalPort()),
              "64.0",
              Duration.ofMinutes(5),
              Duration.ofSeconds(20),
              Duration.ofHours(1),
              new dev.sfexporter.config.AuthConfig.AccessToken(
                  new dev.sfexporter.config.Secret("00Dgiven!token"),
                  java.net.URI.create("http://127.0.0.1:" + endless.getLocalPort())));
      try (RunningExporter exporter = RunningExporter.start(config(org), clock)) {
        Metrics metrics = exporter.scrape("/metrics", "X-Prometheus-Scrape-Timeout-Seconds", "30");
        assertEquals(1, failures(metrics, "invalid_response"), "not a timeout after 20 s");
        assertTrue(metrics.require("salesforce_refresh_duration_seconds", "org", "prod") < 10);
      }
    }
  }

  private static void serveEndlessBody(ServerSocket server) {
    try (Socket client = server.accept();
        OutputStream out = client.getOutputStream()) {
      client.getInputStream().read(new byte[8192]);
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = ("2000\r\n" + " ".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        out.write(chunk);
      }
    } catch (IOException e) {
      // The exporter hung up: what the test wants.
    }
  }

  @Test
  void anAnswerWithTooManyEntriesIsInvalid() throws Exception {
    StringBuilder body = new StringBuilder("{");
    for (int i = 0; i < 10_001; i++) {
      body.append(i == 0 ? "" : ",")
          .append("\"L")
          .append(i)
          .append("\":{\"Max\":1,\"Remaining\":1}");
    }
    salesforce.enqueue(Samples.token("00Dsession!abc", base(salesforce).toString()));
    salesforce.enqueue(Samples.json(200, body.append('}').toString()));
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter =
            RunningExporter.start(config(clientCredentials("prod", salesforce)), clock)) {
      assertEquals(1, failures(exporter.scrape(), "invalid_response"));
      assertTrue(logs.all().contains("more than 10000 entries"), logs.all());
    }
  }

  @Test
  void anInstanceUrlThatIsNotAUrlIsRefused() throws Exception {
    salesforce.enqueue(Samples.json(200, tokenAnswer("https://acme .my salesforce", "00Dx!t")));
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter =
            RunningExporter.start(config(clientCredentials("prod", salesforce)), clock)) {
      assertEquals(1, failures(exporter.scrape(), "invalid_response"));
      assertTrue(logs.all().contains("is not a URL"), logs.all());
      assertEquals(1, salesforce.getRequestCount());
    }
  }

  @Test
  void aSecretEchoedJsonEscapedIsRedactedToo() throws Exception {
    OrgConfig org =
        new OrgConfig(
            "prod",
            base(salesforce),
            "64.0",
            Duration.ofMinutes(5),
            Duration.ofSeconds(5),
            Duration.ofHours(1),
            new dev.sfexporter.config.AuthConfig.ClientCredentials(
                "cid", new dev.sfexporter.config.Secret("pa\"ss/word"), false));
    salesforce.enqueue(
        Samples.json(
            400, "{\"error\":\"invalid_client\",\"error_description\":\"bad pa\\\"ss\\/word\"}"));
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter = RunningExporter.start(config(org), clock)) {
      exporter.scrape();
      assertTrue(logs.all().contains("bad <redacted>"), logs.all());
      assertFalse(logs.all().contains("ss/word"), logs.all());
    }
  }

  @Test
  void secretsEchoedBySalesforceAreRedacted() throws Exception {
    salesforce.enqueue(
        Samples.json(
            400,
            "{\"error\":\"invalid_client\",\"error_description\":\"bad secret secret-prod"
                + " for client\"}"));
    salesforce.enqueue(Samples.token("00Dsession!echoed-token", base(salesforce).toString()));
    salesforce.enqueue(
        Samples.json(
            400,
            "[{\"message\":\"Bad header: Bearer 00Dsession!echoed-token\",\"errorCode\":\"X\"}]"));
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter =
            RunningExporter.start(config(clientCredentials("prod", salesforce)), clock)) {
      exporter.scrape();
      String page1 = exporter.get("/").body();
      clock.advance(Duration.ofSeconds(30));
      Metrics metrics = exporter.scrape();
      assertEquals(1, failures(metrics, "http_4xx"));
      String page2 = exporter.get("/").body();
      for (String text : List.of(logs.all(), page1, page2)) {
        assertFalse(text.contains("secret-prod"), text);
        assertFalse(text.contains("echoed-token"), text);
      }
      assertTrue(logs.all().contains("bad secret <redacted> for client"), logs.all());
      assertTrue(page2.contains("Bad header: Bearer &lt;redacted&gt;"), page2);
    }
  }
}
