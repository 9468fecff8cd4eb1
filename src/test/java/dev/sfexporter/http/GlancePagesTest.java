package dev.sfexporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import dev.sfexporter.testing.TestOrgs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The landing pages and their JSON against a MockWebServer org: escaping, states, no calls. */
class GlancePagesTest {
  static final String HOSTILE_ORG = "<script>alert('org')</script>&\"";
  static final String HOSTILE_LIMIT = "<img src=x onerror=alert(1)>";
  static final String HOSTILE_APP = "\"><script>alert(2)</script>";
  static final String LIMITS =
      "{\"DailyApiRequests\":{\"Max\":1000,\"Remaining\":250},"
          + "\"AAA\":{\"Max\":100,\"Remaining\":90},"
          + "\"ZZZ\":{\"Max\":100,\"Remaining\":3},"
          + "\"NotLicensed\":{\"Max\":0,\"Remaining\":0},"
          + "\""
          + HOSTILE_LIMIT.replace("\"", "\\\"")
          + "\":{\"Max\":10,\"Remaining\":1,\""
          + HOSTILE_APP.replace("\"", "\\\"")
          + "\":{\"Max\":4,\"Remaining\":2}}}";

  @StartStop final MockWebServer org = new MockWebServer();
  private final MutableClock clock = new MutableClock();

  private static String path(String prefix, String name) {
    return dev.sfexporter.http.pages.Shell.orgPath(prefix, name);
  }

  private RunningExporter start(String name) throws Exception {
    return RunningExporter.start(TestOrgs.config(TestOrgs.givenToken(name, org)), clock);
  }

  @Test
  void hostileOrgLimitAndAppNamesAreEscapedEverywhere() throws Exception {
    org.enqueue(Samples.json(200, LIMITS));
    try (RunningExporter exporter = start(HOSTILE_ORG)) {
      exporter.scrape();
      for (String page :
          List.of("/", path("/org/", HOSTILE_ORG), path("/org/", HOSTILE_ORG) + "&sort=name")) {
        HttpResponse<String> response = exporter.get(page);
        assertEquals(200, response.statusCode(), page);
        String body = response.body();
        assertFalse(body.contains("<script>"), page + ": " + body);
        assertFalse(body.contains("<img"), page);
        assertFalse(body.contains("alert('org')"), "quotes are escaped too");
        assertTrue(body.contains("&lt;img src=x onerror=alert(1)&gt;"), page);
        assertTrue(body.contains("&lt;script&gt;alert(&#39;org&#39;)&lt;/script&gt;&amp;&quot;"));
        if (!page.equals("/")) {
          assertTrue(
              body.contains("&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"), "nested app");
        }
      }
      String json = exporter.get(path("/api/v1/orgs/", HOSTILE_ORG)).body();
      assertFalse(json.contains("<"), "Gson escapes < and > so no browser reads it as HTML");
      JsonObject parsed = JsonParser.parseString(json).getAsJsonObject();
      assertEquals(HOSTILE_ORG, parsed.get("name").getAsString());
      List<String> apps = new java.util.ArrayList<>();
      parsed
          .getAsJsonArray("limits")
          .forEach(
              l -> {
                JsonObject limit = l.getAsJsonObject();
                if (limit.has("app")) {
                  apps.add(limit.get("limit").getAsString() + "/" + limit.get("app").getAsString());
                }
              });
      assertEquals(List.of(HOSTILE_LIMIT + "/" + HOSTILE_APP), apps);
    }
  }

  @Test
  void openingThePagesNeverCallsSalesforceEvenWhenARefreshIsDue() throws Exception {
    org.enqueue(Samples.json(200, LIMITS));
    try (RunningExporter exporter = start("acme")) {
      HttpResponse<String> before = exporter.get("/");
      assertTrue(before.body().contains("Not read yet"), before.body());
      assertEquals(0, org.getRequestCount(), "the page before any scrape calls nobody");
      exporter.scrape();
      assertEquals(1, org.getRequestCount());
      clock.advance(Duration.ofHours(3)); // every source is due now
      for (String page :
          List.of("/", "/org/acme", "/org/acme?sort=name", "/api/v1/orgs", "/api/v1/orgs/acme")) {
        assertEquals(200, exporter.get(page).statusCode(), page);
      }
      assertEquals(1, org.getRequestCount(), "pages read the cache only");
    }
  }

  @Test
  void statesUpDownAndStaleWithReasonAndAge() throws Exception {
    org.enqueue(Samples.json(200, LIMITS));
    org.enqueue(
        new MockResponse.Builder()
            .code(503)
            .body("[{\"message\":\"Server is unavailable.\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")
            .build());
    try (RunningExporter exporter = start("acme")) {
      exporter.scrape();
      String up = exporter.get("/").body();
      assertTrue(up.contains("class=\"pill up\">Up<"), up);
      assertTrue(up.contains("Used <strong>750</strong> of 1,000 in the last 24 h"), up);

      // No scrape for 90 min at a 1 h interval: stale (values are kept up to 2 h, interval plus
      // max_staleness).
      clock.advance(Duration.ofMinutes(90));
      String stale = exporter.get("/").body();
      assertTrue(stale.contains(">Stale<"), stale);
      assertTrue(stale.contains("No refresh since <time datetime="), stale);
      assertTrue(stale.contains(">1 h 30 min ago</time>"), stale);

      exporter.scrape(); // Salesforce answers 503
      String down = exporter.get("/").body();
      assertTrue(down.contains(">Down<"), down);
      assertTrue(down.contains("<strong>http_5xx</strong>"), down);
      assertTrue(down.contains("Server is unavailable."), down);
      assertTrue(down.contains("Showing the last good values, from"), down);
      assertTrue(down.contains("750</strong> of 1,000"), "last good values still shown");
      JsonObject health =
          JsonParser.parseString(exporter.get("/api/v1/orgs/acme").body())
              .getAsJsonObject()
              .getAsJsonObject("health");
      assertEquals("down", health.get("state").getAsString());
      assertEquals("http_5xx", health.get("reason").getAsString());
    }
  }

  @Test
  void topLimitsAreTheFullestAndTheOrgPageSortsByUsageOrName() throws Exception {
    org.enqueue(Samples.json(200, LIMITS));
    try (RunningExporter exporter = start("acme")) {
      exporter.scrape();
      String overview = exporter.get("/").body();
      // ZZZ 97 % (critical), the hostile one 90 % (warning), AAA 10 %; Max 0 is not a top limit.
      assertTrue(overview.indexOf(">ZZZ<") < overview.indexOf("onerror"), overview);
      assertTrue(overview.indexOf("onerror") < overview.indexOf(">AAA<"));
      assertFalse(overview.contains(">NotLicensed<"));
      assertTrue(overview.contains("<b class=\"critical\">97 %</b>"), overview);
      assertTrue(overview.contains("class=\"fill critical w97\""));
      assertTrue(overview.contains("class=\"fill warning w90\""));
      assertTrue(overview.contains("class=\"fill ok w10\""));
      assertTrue(overview.contains("aria-valuenow=\"97.0\""));
      // DailyApiRequests at 75 %: warning by its own thresholds (60 % / 80 %), not by 80 % / 95 %.
      assertTrue(overview.contains("class=\"fill warning w75\""), overview);

      String byUsage = exporter.get("/org/acme").body();
      String byName = exporter.get("/org/acme?sort=name").body();
      assertTrue(byUsage.indexOf(">ZZZ<") < byUsage.indexOf(">AAA<"));
      assertTrue(byName.indexOf(">AAA<") < byName.indexOf(">ZZZ<"));
      assertTrue(byName.contains("href=\"/org/acme?sort=name\" aria-current=\"true\""));
      assertTrue(byUsage.contains("1 more with Max 0"), "not-licensed entries are folded away");
    }
  }

  @Test
  void unknownOrgIs404AndPagesCarryAStrictPolicyThatAllowsTheirOwnStyle() throws Exception {
    try (RunningExporter exporter = start("acme")) {
      HttpResponse<String> html = exporter.get("/org/nobody");
      assertEquals(404, html.statusCode());
      assertTrue(html.body().contains("No org is named <strong>nobody</strong>"));
      assertTrue(html.body().contains("href=\"/org/acme\""));
      HttpResponse<String> json = exporter.get("/api/v1/orgs/nobody");
      assertEquals(404, json.statusCode());
      assertTrue(
          json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

      HttpResponse<String> page = exporter.get("/");
      String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertTrue(policy.startsWith("default-src 'none'; "), policy);
      assertFalse(policy.contains("unsafe"), policy);
      assertTrue(policy.contains("frame-ancestors 'none'"));
      assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
      Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page.body());
      assertTrue(style.find());
      String hash =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-256")
                      .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
      assertTrue(
          policy.contains("style-src 'sha256-" + hash + "'"), "the one stylesheet is allowed");
      assertFalse(page.body().contains("<script"), "no JavaScript");
      assertFalse(
          page.body().contains("style=\""), "a style attribute would be blocked by the CSP");
      assertFalse(
          Pattern.compile("(src|href)=\"(https?:)?//").matcher(page.body()).find(),
          "nothing external");
    }
  }

  static JsonArray array(JsonElement json, String key) {
    return json.getAsJsonObject().getAsJsonArray(key);
  }
}
