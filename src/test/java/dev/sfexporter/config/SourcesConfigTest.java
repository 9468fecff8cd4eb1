package dev.sfexporter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sources:} at the top and per org, and its {@code refresh_interval} shorthand. */
class SourcesConfigTest {
  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

  private static String org(String name, String extra) {
    return "  - name: "
        + name
        + "\n    login_url: https://acme.my.salesforce.com\n"
        + extra
        + "    auth: {type: client_credentials, client_id: cid, client_secret: s}\n";
  }

  @Test
  void everySourceIsOnByDefaultWithItsOwnInterval() throws Exception {
    OrgConfig prod = loader.parse("orgs:\n" + org("prod", ""), dir).orgs().get(0);
    assertEquals(
        List.of("limits", "licenses", "entitlements", "record_counts", "org", "api_usage"),
        List.copyOf(prod.sources().keySet()));
    assertTrue(prod.sources().values().stream().allMatch(SourceConfig::enabled));
    assertEquals(Duration.ofMinutes(5), prod.sources().get("limits").interval());
    assertEquals(Duration.ofHours(1), prod.sources().get("licenses").interval());
    assertEquals(Duration.ofHours(6), prod.sources().get("record_counts").interval());
    assertEquals(Duration.ofHours(24), prod.sources().get("org").interval());
  }

  @Test
  void anOrgOverridesSingleSettingsAndInheritsTheRest() throws Exception {
    ExporterConfig config =
        loader.parse(
            """
            sources:
              licenses: {interval: 2h}
              record_counts: {objects: [Account, Invoice__c]}
              org: {enabled: false}
            orgs:
            """
                + org("prod", "    sources: {licenses: {interval: 30m}}\n")
                + org("uat", "    refresh_interval: 10m\n"),
            dir);
    OrgConfig prod = config.orgs().get(0);
    OrgConfig uat = config.orgs().get(1);
    assertEquals(Duration.ofMinutes(30), prod.sources().get("licenses").interval());
    assertEquals(Duration.ofHours(2), uat.sources().get("licenses").interval());
    assertEquals(List.of("Account", "Invoice__c"), prod.sources().get("record_counts").objects());
    assertFalse(prod.sources().get("org").enabled(), "inherited from the top level");
    assertEquals(Duration.ofMinutes(10), uat.refreshInterval());
    assertEquals(Duration.ofMinutes(10), uat.sources().get("limits").interval());
  }

  @Test
  void mistakesAreNamed() {
    List<String> both =
        assertThrows(
                ConfigException.class,
                () ->
                    loader.parse(
                        "refresh_interval: 1m\nsources: {limits: {interval: 2m}}\norgs:\n"
                            + org("prod", ""),
                        dir))
            .problems();
    assertTrue(
        both.contains(
            "refresh_interval: is shorthand for sources.limits.interval; set one of them, not"
                + " both"),
        both.toString());
    List<String> typos =
        assertThrows(
                ConfigException.class,
                () ->
                    loader.parse(
                        "orgs:\n"
                            + org(
                                "prod",
                                "    sources: {licences: {interval: 1h}, licenses: {every: 1h}}\n"),
                        dir))
            .problems();
    assertTrue(
        typos.stream().anyMatch(p -> p.startsWith("orgs[0].sources.licences: unknown key")),
        typos.toString());
    assertTrue(
        typos.stream().anyMatch(p -> p.startsWith("orgs[0].sources.licenses.every: unknown key")),
        typos.toString());
  }

  @Test
  void apiUsageSettingsAreReadAndCheckedByName() throws Exception {
    OrgConfig prod =
        loader
            .parse(
                "orgs:\n"
                    + org(
                        "prod",
                        "    sources: {api_usage: {log_interval: Hourly, max_clients: 20,"
                            + " by_user: true, max_log_bytes: 500MiB, download_timeout: 20m}}\n"),
                dir)
            .orgs()
            .get(0);
    ApiUsageOptions options = prod.sources().get("api_usage").apiUsage();
    assertEquals(
        new ApiUsageOptions("Hourly", 20, true, 500L << 20, Duration.ofMinutes(20)), options);
    assertEquals(3600, options.periodSeconds());
    assertEquals(
        Duration.ofHours(1),
        prod.sources().get("api_usage").interval(),
        "hourly logs are read hourly unless an interval is given");
    assertEquals(
        ApiUsageOptions.DEFAULTS,
        loader
            .parse("orgs:\n" + org("uat", ""), dir)
            .orgs()
            .get(0)
            .sources()
            .get("api_usage")
            .apiUsage());

    List<String> problems =
        assertThrows(
                ConfigException.class,
                () ->
                    loader.parse(
                        "orgs:\n"
                            + org(
                                "prod",
                                "    sources: {api_usage: {log_interval: Weekly, max_clients: 0,"
                                    + " max_log_bytes: lots}}\n"),
                        dir))
            .problems();
    assertTrue(
        problems.stream().anyMatch(p -> p.contains("sources.api_usage.log_interval: \"Weekly\"")),
        problems.toString());
    assertTrue(
        problems.stream()
            .anyMatch(p -> p.contains("max_clients: must be a whole number from 1 to 10000")),
        problems.toString());
    assertTrue(
        problems.stream().anyMatch(p -> p.contains("max_log_bytes: \"lots\" is not a size")),
        problems.toString());
  }
}
