package dev.sfexporter.http;

import static dev.sfexporter.testing.TestOrgs.clientCredentials;
import static dev.sfexporter.testing.TestOrgs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import dev.sfexporter.testing.TestOrgs;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class RoutesTest {
  @StartStop final MockWebServer org = new MockWebServer();

  @Test
  void landingPageHealthAndReadiness() throws Exception {
    org.enqueue(Samples.token("tok-landing", TestOrgs.base(org).toString()));
    org.enqueue(Samples.limits());
    try (RunningExporter exporter =
        RunningExporter.start(
            config(clientCredentials("acme-prod", org, "landing-page-secret")),
            new MutableClock())) {
      HttpResponse<String> before = exporter.get("/");
      assertEquals(200, before.statusCode());
      assertTrue(before.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      assertTrue(before.body().contains("acme-prod"));
      assertTrue(before.body().contains("Not read yet"));
      assertTrue(before.body().contains("href=\"/metrics\""));
      assertTrue(before.body().contains("Version test"));
      assertTrue(before.body().contains("href=\"/org/acme-prod\""));

      exporter.scrape();
      String after = exporter.get("/").body();
      assertTrue(after.contains(">Up<"), after);
      for (String path :
          new String[] {"/", "/org/acme-prod", "/api/v1/orgs", "/api/v1/orgs/acme-prod"}) {
        HttpResponse<String> response = exporter.get(path);
        assertEquals(200, response.statusCode(), path);
        assertFalse(response.body().contains("landing-page-secret"), path);
        assertFalse(response.body().contains("tok-landing"), path);
      }
      assertTrue(exporter.get("/org/acme-prod").body().contains("client_credentials"), "auth type");

      assertEquals(200, exporter.get("/-/healthy").statusCode());
      assertEquals(200, exporter.get("/-/ready").statusCode());
      assertEquals(404, exporter.get("/nothing-here").statusCode());
    }
  }

  @Test
  void methodsThatMakeNoSenseAre405() throws Exception {
    try (RunningExporter exporter =
        RunningExporter.start(config(TestOrgs.givenToken("x", org)), new MutableClock())) {
      for (String method : new String[] {"TRACE", "PUT", "DELETE", "POST"}) {
        HttpResponse<String> response =
            exporter.send(
                HttpRequest.newBuilder(exporter.uri("/metrics"))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .build());
        assertEquals(405, response.statusCode(), method);
        assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse(""));
      }
      assertEquals(0, org.getRequestCount());
    }
  }
}
