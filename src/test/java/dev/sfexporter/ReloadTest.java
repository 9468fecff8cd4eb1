package dev.sfexporter;

import static dev.sfexporter.testing.TestOrgs.base;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.config.ConfigLoader;
import dev.sfexporter.config.WebConfig;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /-/reload against a real file: good files apply, bad ones are refused and change nothing.
 */
class ReloadTest {
  @TempDir Path dir;
  @StartStop final MockWebServer prod = new MockWebServer();
  @StartStop final MockWebServer uat = new MockWebServer();

  private static Dispatcher salesforce(MockWebServer server) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getUrl().encodedPath().endsWith("/token")
            ? Samples.token("00Dtoken", base(server).toString())
            : Samples.limits();
      }
    };
  }

  private String org(String name, MockWebServer server, String refresh) {
    return "  - name: "
        + name
        + "\n    login_url: "
        + base(server)
        + "\n    refresh_interval: "
        + refresh
        + "\n    auth: {type: client_credentials, client_id: cid, client_secret: \"${SECRET}\"}\n";
  }

  private HttpResponse<String> reload(RunningExporter exporter) {
    return exporter.send(
        HttpRequest.newBuilder(exporter.uri("/-/reload"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  @Test
  void goodFilesApplyBadFilesAreRefusedAndRemovedOrgsDisappear() throws Exception {
    prod.setDispatcher(salesforce(prod));
    uat.setDispatcher(salesforce(uat));
    Path file = Files.writeString(dir.resolve("exporter.yml"), "orgs:\n" + org("prod", prod, "1h"));
    ConfigLoader loader = new ConfigLoader(Map.of("SECRET", "s3cret")::get, "64.0");
    try (RunningExporter exporter =
        RunningExporter.start(
            loader.load(file),
            new MutableClock(),
            WebConfig.PLAIN.withLifecycle(true),
            e -> new ConfigReloader(file, loader, e))) {
      assertEquals(1, exporter.scrape().require("salesforce_up", "org", "prod"));
      assertEquals(2, prod.getRequestCount(), "token and limits");

      Files.writeString(file, "orgs:\n" + org("prod", prod, "1h") + org("uat", uat, "1h"));
      HttpResponse<String> added = reload(exporter);
      assertEquals(200, added.statusCode(), added.body());
      assertEquals("configuration reloaded: 2 org(s)\n", added.body());
      Metrics both = exporter.scrape();
      assertEquals(1, both.require("salesforce_up", "org", "uat"));
      assertEquals(1, both.require("salesforce_up", "org", "prod"));
      assertEquals(2, prod.getRequestCount(), "an unchanged org keeps its token and its cache");

      Files.writeString(
          file, "orgs:\n" + org("prod", prod, "1h") + "  - name: broken\n    auth: {type: jwt}\n");
      HttpResponse<String> refused = reload(exporter);
      assertEquals(400, refused.statusCode());
      assertTrue(refused.body().contains("orgs[1].login_url: is required"), refused.body());
      assertTrue(
          refused.body().contains("orgs[1].auth.type: unknown value \"jwt\""), refused.body());
      assertTrue(refused.body().contains("previous configuration kept"), refused.body());
      Metrics unchanged = exporter.scrape();
      assertEquals(
          1,
          unchanged.require("salesforce_up", "org", "uat"),
          "the old configuration still serves");

      Files.writeString(file, "orgs:\n" + org("uat", uat, "1h"));
      assertEquals(200, reload(exporter).statusCode());
      Metrics removed = exporter.scrape();
      assertTrue(removed.find("salesforce_up", "org", "prod").isEmpty());
      assertTrue(removed.find("salesforce_limit_max", "org", "prod").isEmpty());
      assertTrue(removed.find("salesforce_exporter_api_requests_total", "org", "prod").isEmpty());
      assertFalse(exporter.get("/").body().contains(">prod<"));

      Files.writeString(file, "orgs:\n" + org("uat", uat, "2h"));
      assertEquals(200, reload(exporter).statusCode());
      exporter.scrape();
      assertEquals(4, uat.getRequestCount(), "a changed org starts afresh: new token, new /limits");

      assertEquals(405, exporter.get("/-/reload").statusCode(), "reload takes POST only");
    }
  }
}
