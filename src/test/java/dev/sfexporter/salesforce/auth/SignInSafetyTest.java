package dev.sfexporter.salesforce.auth;

import static dev.sfexporter.testing.OrgFixtures.config;
import static dev.sfexporter.testing.OrgFixtures.drain;
import static dev.sfexporter.testing.TestOrgs.base;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.config.AuthConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.Secret;
import dev.sfexporter.testing.FormBody;
import dev.sfexporter.testing.LogCapture;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-ins that must not hurt the integration user: lock-outs and rotated refresh tokens. */
class SignInSafetyTest {
  @StartStop final MockWebServer salesforce = new MockWebServer();
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();

  private OrgConfig org(AuthConfig auth) {
    return dev.sfexporter.testing.OrgFixtures.prod(salesforce, auth, java.util.Map.of())
        .onlyLimitsSource();
  }

  @Test
  void thePasswordFlowStopsAfterThreeRefusalsUntilReloaded() throws Exception {
    String refusal =
        "{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}";
    for (int i = 0; i < 4; i++) {
      salesforce.enqueue(Samples.json(400, refusal));
    }
    OrgConfig org =
        org(
            new AuthConfig.Password(
                "3MVG9pw", new Secret("pw-cs"), "monitor@acme.com", new Secret("wrong"), null));
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter = RunningExporter.start(config(org), clock)) {
      for (int i = 0; i < 40; i++) {
        exporter.scrape();
        clock.advance(Duration.ofMinutes(1));
      }
      assertEquals(3, drain(salesforce).size(), "three sign-ins in 40 minutes, then none");
      Metrics metrics = exporter.scrape();
      double authFailures =
          metrics.require("salesforce_refresh_failures_total", "org", "prod", "reason", "auth");
      assertTrue(
          authFailures > 3,
          "stopped attempts make no call but still count as auth failures, so the auth alert"
              + " keeps firing: "
              + authFailures);
      String page = exporter.get("/").body();
      assertTrue(page.contains("stopped signing in after 3 refused sign-ins"), page);
      assertEquals(
          2,
          logs.linesWith("stopped signing in").size(),
          "said when it stops and as the error of the refresh, not once per attempt: "
              + logs.all());

      exporter.exporter().apply(config(org));
      clock.advance(Duration.ofMinutes(5));
      exporter.scrape();
      assertEquals(1, drain(salesforce).size(), "a reload lets it try again");
    }
  }

  @Test
  void aRotatedRefreshTokenIsWrittenBackToItsFile() throws Exception {
    Path file = dir.resolve("refresh-token");
    Files.writeString(file, "refresh-1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    salesforce.enqueue(
        Samples.json(
            200,
            "{\"access_token\":\"00Dfirst\",\"instance_url\":\""
                + base(salesforce)
                + "\",\"refresh_token\":\"refresh-2\"}"));
    salesforce.enqueue(Samples.limits());
    OrgConfig org =
        org(new AuthConfig.RefreshToken("3MVG9rt", null, new Secret("refresh-1"), file));
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter = RunningExporter.start(config(org), clock)) {
      assertEquals(1, exporter.scrape().require("salesforce_up", "org", "prod"));
      assertEquals("refresh-1", FormBody.of(salesforce.takeRequest()).get("refresh_token"));
      assertEquals("refresh-2\n", Files.readString(file), "a restart signs in with the new one");
      assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      try (var leftovers = Files.list(dir)) {
        assertEquals(1, leftovers.count(), "no temporary file left beside it");
      }
      assertTrue(logs.all().contains("written to refresh_token_file"), logs.all());
      assertTrue(!logs.all().contains("refresh-2"), "the token itself is never logged");
    }
  }

  @Test
  void aRefreshTokenReplacedByHandIsUsedAfterAReload() throws Exception {
    Path file = dir.resolve("refresh-token");
    Files.writeString(file, "refresh-OLD\n");
    salesforce.enqueue(Samples.token("00Dfirst", base(salesforce).toString()));
    salesforce.enqueue(Samples.limits());
    salesforce.enqueue(Samples.token("00Dsecond", base(salesforce).toString()));
    salesforce.enqueue(Samples.limits());
    try (RunningExporter exporter =
        RunningExporter.start(
            config(org(new AuthConfig.RefreshToken("c", null, new Secret("refresh-OLD"), file))),
            clock)) {
      exporter.scrape();
      exporter
          .exporter()
          .apply(
              config(org(new AuthConfig.RefreshToken("c", null, new Secret("refresh-NEW"), file))));
      exporter.scrape();
      assertEquals("refresh-OLD", FormBody.of(salesforce.takeRequest()).get("refresh_token"));
      salesforce.takeRequest();
      assertEquals(
          "refresh-NEW",
          FormBody.of(salesforce.takeRequest()).get("refresh_token"),
          "the new token from the file signs in at once");
    }
  }

  @Test
  void aRefreshTokenFileThatCannotBeRewrittenIsSaidAtStartUp() throws Exception {
    Path missing = dir.resolve("gone/refresh-token");
    OrgConfig org =
        org(new AuthConfig.RefreshToken("3MVG9rt", null, new Secret("refresh-1"), missing));
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter = RunningExporter.start(config(org), clock)) {
      assertEquals(1, logs.linesWith("refresh_token_file cannot be rewritten").size(), logs.all());
    }
  }
}
