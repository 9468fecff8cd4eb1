package dev.sfexporter.salesforce.auth;

import static dev.sfexporter.testing.TestOrgs.HOUR;
import static dev.sfexporter.testing.TestOrgs.base;
import static dev.sfexporter.testing.TestOrgs.clientCredentials;
import static dev.sfexporter.testing.TestOrgs.config;
import static dev.sfexporter.testing.TestOrgs.givenToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.testing.LogCapture;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class TokenLifecycleTest {
  @StartStop final MockWebServer salesforce = new MockWebServer();
  private final MutableClock clock = new MutableClock();

  private String instance() {
    return base(salesforce).toString();
  }

  private static double calls(Metrics m, String org, String endpoint) {
    return m.require("salesforce_exporter_api_requests_total", "org", org, "endpoint", endpoint);
  }

  private static double failures(Metrics m, String org, String endpoint) {
    return m.require(
        "salesforce_exporter_api_request_failures_total", "org", org, "endpoint", endpoint);
  }

  @Test
  void anExpiredSessionGetsOneNewTokenAndOneRetry() throws Exception {
    salesforce.enqueue(Samples.token("00Dfirst", instance()));
    salesforce.enqueue(Samples.limits());
    salesforce.enqueue(Samples.invalidSession());
    salesforce.enqueue(Samples.token("00Dsecond", instance()));
    salesforce.enqueue(Samples.limits());
    // Third round: the new token is refused as well. One more token, then give up.
    salesforce.enqueue(Samples.invalidSession());
    salesforce.enqueue(Samples.token("00Dthird", instance()));
    salesforce.enqueue(Samples.invalidSession());
    try (RunningExporter exporter =
        RunningExporter.start(config(clientCredentials("renew", salesforce, "cs")), clock)) {
      Metrics first = exporter.scrape();
      assertEquals(1, first.require("salesforce_up", "org", "renew"));
      assertEquals(1, calls(first, "renew", "token"));

      clock.advance(HOUR);
      Metrics second = exporter.scrape();
      assertEquals(1, second.require("salesforce_up", "org", "renew"));
      assertEquals(2, calls(second, "renew", "token"));
      assertEquals(3, calls(second, "renew", "limits"));
      assertEquals(1, failures(second, "renew", "limits"));

      clock.advance(HOUR);
      Metrics third = exporter.scrape();
      assertEquals(0, third.require("salesforce_up", "org", "renew"));
      assertEquals(3, calls(third, "renew", "token"), "one token request per 401, never a loop");
      assertEquals(5, calls(third, "renew", "limits"));
      assertEquals(8, salesforce.getRequestCount());
    }
    for (int i = 0; i < 5; i++) {
      salesforce.takeRequest();
    }
    assertEquals(
        "Bearer 00Dsecond",
        salesforce.takeRequest().getHeaders().get("Authorization"),
        "the new token was used, not the refused one");
  }

  @Test
  void invalidGrantIsDownWithSalesforcesWordsAndAHint() throws Exception {
    salesforce.enqueue(
        Samples.json(
            400,
            "{\"error\":\"invalid_grant\",\"error_description\":\"user hasn't approved this consumer\"}"));
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter =
            RunningExporter.start(
                config(clientCredentials("refused-grant", salesforce, "cs")), clock)) {
      Metrics metrics = exporter.scrape();
      assertEquals(0, metrics.require("salesforce_up", "org", "refused-grant"));
      assertEquals(1, failures(metrics, "refused-grant", "token"));
      assertEquals(0, calls(metrics, "refused-grant", "limits"));
      List<String> lines = logs.linesWith("org=refused-grant");
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(
          lines.get(0).contains("invalid_grant: user hasn't approved this consumer"), lines.get(0));
      assertTrue(
          lines.get(0).contains("pre-authorized"), "a hint for the common case: " + lines.get(0));
    }
  }

  @Test
  void refusedCredentialsBackOffAndRecover() throws Exception {
    String refusal =
        "{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}";
    salesforce.enqueue(Samples.json(400, refusal));
    salesforce.enqueue(Samples.json(400, refusal));
    salesforce.enqueue(Samples.token("00Dfinally", instance()));
    salesforce.enqueue(Samples.limits());
    try (RunningExporter exporter =
        RunningExporter.start(config(clientCredentials("backoff", salesforce, "cs")), clock)) {
      assertEquals(0, exporter.scrape().require("salesforce_up", "org", "backoff"));
      assertEquals(1, salesforce.getRequestCount());

      clock.advance(Duration.ofSeconds(29));
      assertEquals(0, exporter.scrape().require("salesforce_up", "org", "backoff"));
      assertEquals(1, salesforce.getRequestCount(), "inside the first 30 s: no login attempt");
      String page = exporter.get("/").body();
      assertTrue(page.contains("1 refused sign-in in a row"), page);
      assertTrue(
          page.contains("<strong>auth</strong>, 1 failed in a row; next attempt <time"), page);
      assertTrue(page.contains(">in 1 s</time>"), page);

      clock.advance(Duration.ofSeconds(1));
      exporter.scrape();
      assertEquals(2, salesforce.getRequestCount(), "after 30 s: one attempt, refused again");

      clock.advance(Duration.ofSeconds(59));
      exporter.scrape();
      assertEquals(2, salesforce.getRequestCount(), "the second wait is a minute");

      clock.advance(Duration.ofSeconds(1));
      Metrics recovered = exporter.scrape();
      assertEquals(1, recovered.require("salesforce_up", "org", "backoff"));
      assertEquals(3, calls(recovered, "backoff", "token"), "waiting made no calls");
      assertEquals(
          2,
          recovered.require(
              "salesforce_refresh_failures_total", "org", "backoff", "reason", "auth"));
      String recoveredPage = exporter.get("/").body();
      assertTrue(recoveredPage.contains(">Up<"), "back-off cleared on success");
      assertFalse(recoveredPage.contains("refused sign-in"), recoveredPage);
    }
  }

  @Test
  void aGivenTokenThatExpiresIsDownWithAClearReason() throws Exception {
    salesforce.enqueue(Samples.invalidSession());
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter =
            RunningExporter.start(config(givenToken("given", salesforce)), clock)) {
      Metrics metrics = exporter.scrape();
      assertEquals(0, metrics.require("salesforce_up", "org", "given"));
      assertTrue(
          metrics.find("salesforce_exporter_api_requests_total", "endpoint", "token").isEmpty(),
          "a given token has no token endpoint to count");
      clock.advance(HOUR);
      exporter.scrape();
      assertEquals(1, salesforce.getRequestCount(), "a refused given token is not sent again");
      List<String> lines = logs.linesWith("org=given");
      assertEquals(1, lines.size(), "one line, not one per scrape: " + lines);
      assertTrue(lines.get(0).contains("expired or was revoked"), lines.get(0));
    }
  }

  @Test
  void noSecretAppearsInLogsMetricsOrTheLandingPage() throws Exception {
    List<String> secrets =
        List.of(
            "leak-client-secret-1",
            "leak-password-2",
            "LEAKTOKEN3",
            "leak-refresh-4",
            "00Dleak!access-5",
            "00Dgiven!leak-6");
    OrgConfig cc = clientCredentials("leak-cc", salesforce, secrets.get(0));
    OrgConfig pw =
        new OrgConfig(
            "leak-pw",
            base(salesforce),
            "64.0",
            HOUR,
            Duration.ofSeconds(5),
            new dev.sfexporter.config.AuthConfig.Password(
                "cid",
                new dev.sfexporter.config.Secret(secrets.get(0)),
                "u@x.com",
                new dev.sfexporter.config.Secret(secrets.get(1)),
                new dev.sfexporter.config.Secret(secrets.get(2))));
    OrgConfig rt =
        new OrgConfig(
            "leak-rt",
            base(salesforce),
            "64.0",
            HOUR,
            Duration.ofSeconds(5),
            new dev.sfexporter.config.AuthConfig.RefreshToken(
                "cid", null, new dev.sfexporter.config.Secret(secrets.get(3))));
    OrgConfig given =
        new OrgConfig(
            "leak-given",
            base(salesforce),
            "64.0",
            HOUR,
            Duration.ofSeconds(5),
            new dev.sfexporter.config.AuthConfig.AccessToken(
                new dev.sfexporter.config.Secret(secrets.get(5)), base(salesforce)));
    String pem = Samples.resource("/keys/rsa-pkcs8.pem");
    OrgConfig jwt =
        new OrgConfig(
            "leak-jwt",
            base(salesforce),
            "64.0",
            HOUR,
            Duration.ofSeconds(5),
            new dev.sfexporter.config.AuthConfig.JwtBearer(
                "cid",
                "u@x.com",
                dev.sfexporter.config.PemPrivateKeys.parseRsa(pem),
                base(salesforce)));
    // Any line of the key's base64 body would be a leak.
    String keyLine = pem.lines().skip(5).findFirst().orElseThrow();
    salesforce.setDispatcher(
        new mockwebserver3.Dispatcher() {
          private int served;

          @Override
          public synchronized mockwebserver3.MockResponse dispatch(
              mockwebserver3.RecordedRequest request) {
            // Tokens are handed out, then every API call is refused, then token requests are
            // refused too: all the paths that log.
            served++;
            if (request.getUrl().encodedPath().endsWith("/token")) {
              return served < 6
                  ? Samples.token(secrets.get(4), instance())
                  : Samples.json(
                      400,
                      "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}");
            }
            return Samples.invalidSession();
          }
        });
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter = RunningExporter.start(config(cc, pw, rt, given, jwt), clock)) {
      StringBuilder seen = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        seen.append(exporter.scrape().text());
        seen.append(exporter.get("/").body());
        clock.advance(HOUR);
      }
      seen.append(logs.all());
      assertTrue(logs.all().contains("org=leak-rt"), "the failures were logged: " + logs.all());
      for (String secret : secrets) {
        assertFalse(seen.toString().contains(secret), "secret leaked: " + secret);
      }
      assertFalse(seen.toString().contains(keyLine), "private key leaked");
      assertFalse(
          logs.linesWith("org=leak-jwt").isEmpty(), "the JWT org's failures were logged too");
    }
  }
}
