package dev.sfexporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.config.AuthConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.Secret;
import dev.sfexporter.testing.LogCapture;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up log says what each org will cost before a call is made. */
class StartUpLogTest {
  private static OrgConfig org(String name, Duration interval) {
    return new OrgConfig(
        name,
        URI.create("https://acme.my.salesforce.com"),
        "auto",
        interval,
        Duration.ofSeconds(10),
        Duration.ofHours(1),
        new AuthConfig.ClientCredentials("cid", new Secret("s"), false),
        java.util.Map.of());
  }

  @Test
  void eachOrgStatesItsDailyCallsAndAFastIntervalIsWarnedAbout() {
    try (LogCapture logs = new LogCapture()) {
      Lifecycle.logWatching(org("startup-prod", Duration.ofMinutes(5)), false);
      Lifecycle.logWatching(org("startup-eager", Duration.ofSeconds(15)), false);
      List<String> prod = logs.linesWith("org=startup-prod");
      assertEquals(1, prod.size(), prod.toString());
      assertTrue(prod.get(0).contains("expected_calls_per_day=383"), prod.get(0));
      assertTrue(
          prod.get(0)
              .contains(
                  "calls=\"370 API (limits 288, licenses 48, entitlements 24, record_counts 4,"
                      + " org 1, api_usage 5) + 1 versions + up to 12 token\""),
          prod.get(0));
      assertTrue(
          prod.get(0).contains("sources=limits,licenses,entitlements,record_counts,org,api_usage"),
          prod.get(0));
      List<String> eager = logs.linesWith("org=startup-eager");
      assertEquals(2, eager.size(), eager.toString());
      assertTrue(
          eager.get(1).contains("refresh_interval under 1m spends API requests for nothing")
              && eager.get(1).contains("limits_calls_per_day=5760"),
          eager.get(1));
    }
  }
}
