package dev.sfexporter.http;

import static dev.sfexporter.testing.OrgFixtures.clientCredentials;
import static dev.sfexporter.testing.OrgFixtures.config;
import static dev.sfexporter.testing.OrgFixtures.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.OrgFixtures;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One scrape target per org: {@code /targets} and {@code /metrics?org=NAME}. */
class PerOrgTargetsTest {
  @StartStop final MockWebServer prod = new MockWebServer();
  @StartStop final MockWebServer uat = new MockWebServer();
  @StartStop final MockWebServer dev = new MockWebServer();
  private final MutableClock clock = new MutableClock();

  @BeforeEach
  void serveLimits() {
    for (MockWebServer org : List.of(prod, uat, dev)) {
      org.setDispatcher(OrgFixtures.org(org, new AtomicReference<>(Samples.limits())));
    }
  }

  private RunningExporter start() throws Exception {
    return RunningExporter.start(
        config(
            clientCredentials("prod", prod),
            clientCredentials("uat", uat),
            clientCredentials("dev", dev)),
        clock);
  }

  @Test
  void targetsListEveryOrgAsItsOwnTargetForHttpServiceDiscovery() throws Exception {
    try (RunningExporter exporter = start()) {
      HttpResponse<String> response = exporter.get("/targets");

      assertEquals(200, response.statusCode());
      assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
      JsonArray groups = JsonParser.parseString(response.body()).getAsJsonArray();
      assertEquals(3, groups.size());
      String address = "127.0.0.1:" + exporter.exporter().port();
      List<String> orgs = List.of("prod", "uat", "dev");
      for (int i = 0; i < 3; i++) {
        JsonObject group = groups.get(i).getAsJsonObject();
        assertEquals(
            List.of(address), List.of(group.get("targets").getAsJsonArray().get(0).getAsString()));
        assertEquals(1, group.get("targets").getAsJsonArray().size());
        JsonObject labels = group.get("labels").getAsJsonObject();
        assertEquals(Set.of("org", "__param_org"), labels.keySet());
        assertEquals(orgs.get(i), labels.get("org").getAsString());
        assertEquals(orgs.get(i), labels.get("__param_org").getAsString());
      }
      assertEquals(0, prod.getRequestCount() + uat.getRequestCount() + dev.getRequestCount());
    }
  }

  @Test
  void aPerOrgScrapeServesAndRefreshesOnlyThatOrg() throws Exception {
    try (RunningExporter exporter = start()) {
      Metrics metrics = exporter.scrape("/metrics?org=uat");

      assertEquals(Set.of("uat"), orgLabels(metrics));
      assertEquals(1, metrics.require("salesforce_up", "org", "uat"));
      assertTrue(
          metrics
              .value("salesforce_limit_max", "org", "uat", "limit", "DailyApiRequests")
              .isPresent());
      // Nothing of the process: 1,000 targets would store the JVM's series 1,000 times.
      assertTrue(metrics.all().stream().noneMatch(s -> s.name().startsWith("jvm_")));
      assertEquals(1, metrics.find("salesforce_exporter_build_info").size());
      assertFalse(drain(uat).isEmpty());
      assertEquals(List.of(), drain(prod));
      assertEquals(List.of(), drain(dev));
    }
  }

  @Test
  void orgIsRepeatable() throws Exception {
    try (RunningExporter exporter = start()) {
      Metrics metrics = exporter.scrape("/metrics?org=prod&org=dev&org=prod");

      assertEquals(Set.of("prod", "dev"), orgLabels(metrics));
      assertEquals(0, uat.getRequestCount());
      assertEquals(1, exporter.scrape("/metrics").find("salesforce_up", "org", "uat").size());
    }
  }

  @Test
  void anUnknownOrgIsNotFoundAndCallsNothing() throws Exception {
    try (RunningExporter exporter = start()) {
      HttpResponse<String> response = exporter.get("/metrics?org=prod&org=nope");

      assertEquals(404, response.statusCode());
      assertTrue(response.body().contains("unknown org \"nope\""), response.body());
      assertTrue(response.body().contains("/targets"), response.body());
      assertEquals(0, prod.getRequestCount() + uat.getRequestCount() + dev.getRequestCount());
    }
  }

  private static Set<String> orgLabels(Metrics metrics) {
    Set<String> orgs = new TreeSet<>();
    for (Metrics.Sample sample : metrics.all()) {
      if (sample.labels().containsKey("org")) {
        orgs.add(sample.labels().get("org"));
      }
    }
    return orgs;
  }
}
