package dev.sfexporter.collect;

import static dev.sfexporter.testing.OrgFixtures.config;
import static dev.sfexporter.testing.OrgFixtures.count;
import static dev.sfexporter.testing.OrgFixtures.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.config.Sources;
import dev.sfexporter.testing.LogCapture;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.OrgFixtures;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Every source over a MockWebServer that answers with Salesforce's documented shapes. */
class SourcesTest {
  private static final JsonObject QUERIES =
      JsonParser.parseString(Samples.resource("/salesforce/query-samples.json")).getAsJsonObject();

  @StartStop final MockWebServer salesforce = new MockWebServer();
  private final MutableClock clock = new MutableClock();
  private volatile boolean entitlementsDenied;
  private volatile boolean duplicateLabels;

  private static MockResponse sample(String name) {
    return Samples.json(200, QUERIES.getAsJsonObject(name).get("body").toString());
  }

  /** Routes by resource and by the object a query reads, as Salesforce would answer. */
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
        if (path.endsWith("/limits/recordCount")) {
          return Samples.json(200, Samples.resource("/salesforce/recordcount-sample.json"));
        }
        if (path.startsWith("/services/data/v68.0/query/01gxx")) {
          return sample("userlicense_page_2");
        }
        if (query == null) {
          return Samples.json(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"no\"}]");
        }
        if (query.contains("FROM EventLogFile")) {
          return Samples.json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}");
        }
        if (query.contains("FROM UserLicense")) {
          return sample("userlicense_page_1");
        }
        if (query.contains("FROM PermissionSetLicense")) {
          return duplicateLabels
              ? Samples.json(
                  200,
                  "{\"totalSize\":2,\"done\":true,\"records\":["
                      + "{\"DeveloperName\":\"A\",\"MasterLabel\":\"Same\",\"Status\":\"Active\","
                      + "\"TotalLicenses\":10,\"UsedLicenses\":4},"
                      + "{\"DeveloperName\":\"B\",\"MasterLabel\":\"Same\",\"Status\":\"Active\","
                      + "\"TotalLicenses\":5,\"UsedLicenses\":1}]}")
              : sample("permissionsetlicense");
        }
        if (query.contains("FROM TenantUsageEntitlement")) {
          return entitlementsDenied
              ? Samples.json(
                  400, QUERIES.getAsJsonObject("invalid_type_no_permission").get("body").toString())
              : sample("tenantusageentitlement");
        }
        return sample("organization");
      }
    };
  }

  private OrgConfig org(Map<String, SourceConfig> sources) {
    return dev.sfexporter.testing.OrgFixtures.prod(salesforce, sources);
  }

  @Test
  void everySourceIsReadAndExported() throws Exception {
    salesforce.setDispatcher(salesforce());
    try (RunningExporter exporter = RunningExporter.start(config(org(Map.of())), clock)) {
      Metrics m = exporter.scrape();
      for (String source : Sources.DEFAULTS.keySet()) {
        assertEquals(1, m.require("salesforce_source_up", "org", "prod", "source", source), source);
        assertEquals(
            clock.instant().getEpochSecond(),
            m.require(
                "salesforce_source_last_success_timestamp_seconds",
                "org",
                "prod",
                "source",
                source));
      }
      // Licences: both pages, Active only, user licences by Name, permission set ones by label.
      assertEquals(
          120, m.require("salesforce_license_max", "license", "Salesforce", "type", "user"));
      assertEquals(
          1410,
          m.require(
              "salesforce_license_used", "license", "Customer Community Login", "type", "user"));
      assertTrue(m.find("salesforce_license_max", "license", "Work.com Only").isEmpty());
      assertEquals(
          39,
          m.require(
              "salesforce_license_used",
              "license",
              "Salesforce CPQ License",
              "type",
              "permission_set"));
      assertEquals(
          5, m.find("salesforce_license_max").size(), "3 Active user + 2 permission set licences");
      // Entitlements: allowed always; used only where Salesforce meters it.
      assertEquals(
          402311,
          m.require(
              "salesforce_entitlement_used",
              "entitlement",
              "API Request Limit per Month",
              "setting",
              "setting/force.com/orgValue.Provisioned30DayApiRequests",
              "frequency",
              "Monthly"));
      int allowed = m.find("salesforce_entitlement_allowed").size();
      int used = m.find("salesforce_entitlement_used").size();
      assertEquals(allowed - 1, used, "the unmetered entitlement has no made-up used value");
      // Record counts and the org's facts.
      assertEquals(211504, m.require("salesforce_records", "org", "prod", "object", "Contact"));
      assertEquals(
          1,
          m.require(
              "salesforce_org_info",
              "org",
              "prod",
              "edition",
              "Unlimited Edition",
              "instance",
              "USA612S",
              "sandbox",
              "false"));
      assertEquals(
          6,
          m.require("salesforce_exporter_api_requests_total", "org", "prod", "endpoint", "query"),
          "two licence pages, permission set licences, entitlements, organization, event logs");
      assertEquals(
          1,
          m.require(
              "salesforce_exporter_api_requests_total", "org", "prod", "endpoint", "recordCount"));
    }
  }

  @Test
  void eachSourceKeepsItsOwnInterval() throws Exception {
    salesforce.setDispatcher(salesforce());
    try (RunningExporter exporter = RunningExporter.start(config(org(Map.of())), clock)) {
      exporter.scrape();
      drain(salesforce);
      clock.advance(Duration.ofMinutes(5));
      exporter.scrape();
      List<RecordedRequest> afterFive = drain(salesforce);
      assertEquals(1, count(afterFive, "/limits"), "limits every 5 minutes");
      assertEquals(1, afterFive.size(), "licences and the rest are not re-read with /limits");
      clock.advance(Duration.ofMinutes(55));
      exporter.scrape();
      List<RecordedRequest> afterHour = drain(salesforce);
      assertEquals(1, count(afterHour, "/limits"));
      assertEquals(
          4,
          count(afterHour, "/query") + count(afterHour, "-2000"),
          "licences (2 pages"
              + " + permission sets) and entitlements hourly; org and record counts not yet");
    }
  }

  @Test
  void aSourceDeniedByPermissionIsDownAloneAndSaysWhatToGrant() throws Exception {
    entitlementsDenied = true;
    salesforce.setDispatcher(salesforce());
    try (LogCapture logs = new LogCapture();
        RunningExporter exporter = RunningExporter.start(config(org(Map.of())), clock)) {
      Metrics m = exporter.scrape();
      assertEquals(0, m.require("salesforce_source_up", "source", "entitlements"));
      assertEquals(1, m.require("salesforce_source_up", "source", "licenses"));
      assertEquals(1, m.require("salesforce_source_up", "source", "limits"));
      assertEquals(1, m.require("salesforce_up", "org", "prod"));
      assertTrue(m.find("salesforce_entitlement_allowed").isEmpty());
      clock.advance(Duration.ofMinutes(10));
      exporter.scrape();
      List<String> lines = logs.linesWith("source=entitlements");
      assertEquals(1, lines.size(), "one line, not one per attempt: " + lines);
      assertTrue(
          lines.get(0).contains("INVALID_TYPE")
              && lines.get(0).contains("needs View Setup and Configuration"),
          lines.get(0));
    }
  }

  @Test
  void aNameFilterRefreshesOnlyTheSourcesItAsksFor() throws Exception {
    salesforce.setDispatcher(salesforce());
    try (RunningExporter exporter = RunningExporter.start(config(org(Map.of())), clock)) {
      Metrics m = exporter.scrape("/metrics?name[]=salesforce_license_max");
      assertEquals(5, m.find("salesforce_license_max").size());
      List<RecordedRequest> calls = drain(salesforce);
      assertTrue(
          calls.stream()
              .allMatch(
                  r -> {
                    String q = r.getUrl().queryParameter("q");
                    String path = r.getUrl().encodedPath();
                    return path.endsWith("/token")
                        || path.contains("/query/01gxx")
                        || (q != null && q.contains("License"));
                  }),
          calls.stream().map(r -> r.getUrl().toString()).toList().toString());
      assertEquals(0, count(calls, "/limits"));
    }
  }

  @Test
  void recordCountsAskOnlyForTheConfiguredObjects() throws Exception {
    salesforce.setDispatcher(salesforce());
    Map<String, SourceConfig> sources =
        Map.of(
            Sources.RECORD_COUNTS,
            new SourceConfig(true, Duration.ofHours(6), List.of("Account", "Invoice__c")));
    try (RunningExporter exporter = RunningExporter.start(config(org(sources)), clock)) {
      exporter.scrape("/metrics?name[]=salesforce_records");
      RecordedRequest call =
          drain(salesforce).stream()
              .filter(r -> r.getUrl().encodedPath().endsWith("/recordCount"))
              .findFirst()
              .orElseThrow();
      assertEquals("Account,Invoice__c", call.getUrl().queryParameter("sObjects"));
    }
  }

  @Test
  void twoLicencesWithOneLabelAreSummedAndNeverBreakTheScrape() throws Exception {
    duplicateLabels = true;
    salesforce.setDispatcher(salesforce());
    try (RunningExporter exporter = RunningExporter.start(config(org(Map.of())), clock)) {
      Metrics m = exporter.scrape();
      assertEquals(15, m.require("salesforce_license_max", "license", "Same"));
      assertEquals(5, m.require("salesforce_license_used", "license", "Same"));
    }
  }
}
