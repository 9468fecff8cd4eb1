package dev.sfexporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.config.ConfigLoader;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.testing.Samples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** The command line: exit codes and what it prints. Isolated: it resets java.util.logging. */
@Isolated
class MainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void checkConfigAcceptsAGoodFileAndListsItsOrgs() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("good.yml"),
            """
        orgs:
          - name: prod
            login_url: https://acme.my.salesforce.com
            auth: {type: client_credentials, client_id: cid, client_secret: very-secret-value}
        """);
    assertEquals(0, run("--config.file=" + file, "--check-config"));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("is valid: 1 org(s)"), printed);
    assertTrue(
        printed.contains("prod: https://acme.my.salesforce.com, auth client_credentials, API auto"),
        printed);
    assertFalse(printed.contains("very-secret-value"));
  }

  @Test
  void theShippedExampleConfigurationIsValid() throws Exception {
    Path copy =
        Files.writeString(
            dir.resolve("exporter.yml"), Files.readString(Path.of("examples/exporter.yml")));
    Files.writeString(dir.resolve("prod.key"), Samples.resource("/keys/rsa-pkcs8.pem"));
    ConfigLoader loader =
        new ConfigLoader(
            Map.of("PROD_CLIENT_ID", "3MVG9p", "UAT_CLIENT_ID", "3MVG9u", "UAT_CLIENT_SECRET", "s")
                ::get);
    ExporterConfig config = loader.load(copy);
    assertEquals(List.of("prod", "uat"), config.orgs().stream().map(OrgConfig::name).toList());
    assertEquals(Duration.ofMinutes(10), config.orgs().get(1).refreshInterval());
  }

  @Test
  void checkConfigListsEveryProblemAndExits1() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("bad.yml"),
            """
        orgs:
          - name: prod
            login_url: https://acme.my.salesforce.com
            auth: {type: jwt, client_id: cid}
          - name: uat
            login_url: https://login.salesforce.com
            auth: {type: client_credentials, client_id: cid, client_secret: s}
        """);
    assertEquals(1, run("--config.file", file.toString(), "--check-config"));
    String printed = err.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("orgs[0].auth.type: unknown value \"jwt\""), printed);
    assertTrue(
        printed.contains("orgs[1].auth.type: client_credentials needs the org's My Domain"),
        printed);
  }

  @Test
  void checkConfigChecksTheListenAddressAndStatesTheDailyCost() throws Exception {
    String org =
        """
        orgs:
          - name: prod
            login_url: https://acme.my.salesforce.com
            auth: {type: client_credentials, client_id: cid, client_secret: s}
        """;
    Path bad =
        Files.writeString(dir.resolve("bad-listen.yml"), "listen_address: nowhere:x\n" + org);
    assertEquals(1, run("--config.file=" + bad, "--check-config"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("listen_address:"),
        err.toString(StandardCharsets.UTF_8));

    Path good = Files.writeString(dir.resolve("good-listen.yml"), org);
    assertEquals(0, run("--config.file=" + good, "--check-config"));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(
        printed.contains(
            "refresh every 5m, timeout 10s, last known values kept 1h, about 370 API (limits"
                + " 288, licenses 48, entitlements 24, record_counts 4, org 1, api_usage 5) + 1"
                + " versions + up to 12 token calls a day"),
        printed);
  }

  @Test
  void aBadConfigStopsStartUpWithTheFieldNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yml"), "orgs:\n  - name: x\n");
    assertEquals(1, run("--config.file=" + file));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("orgs[0].login_url: is required"));
  }

  @Test
  void aBadWebConfigStopsStartUpWithTheFieldNamed() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("good.yml"),
            """
        orgs:
          - name: prod
            login_url: https://acme.my.salesforce.com
            auth: {type: client_credentials, client_id: cid, client_secret: s}
        """);
    Path web = Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  alice: hunter2\n");
    assertEquals(1, run("--config.file=" + config, "--web.config.file=" + web));
    String printed = err.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("web configuration " + web + " is not valid"), printed);
    assertTrue(printed.contains("basic_auth_users.alice: is not a bcrypt hash"), printed);
    assertFalse(printed.contains("hunter2"), "the bad value is not echoed");
  }

  @Test
  void flagsMistakesExit2WithUsage() {
    assertEquals(2, run("--config.fil=x.yml"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown flag --config.fil"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("Usage:"));
    assertEquals(2, run());
    assertEquals(2, run("--log.level=loud", "--demo"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("--log.level: unknown value \"loud\""));
  }

  @Test
  void versionAndHelp() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("salesforce-exporter "));
    assertEquals(0, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--web.listen-address"));
  }

  @Test
  void checkConfigRefusesAWebConfigThatWouldFailOpenOrFailLater() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("good.yml"),
            "orgs:\n  - name: prod\n    login_url: https://acme.my.salesforce.com\n"
                + "    auth: {type: client_credentials, client_id: cid, client_secret: s}\n");
    Files.writeString(dir.resolve("server.pem"), Samples.resource("/tls/server.pem"));
    Files.writeString(dir.resolve("client.key"), Samples.resource("/tls/client.key"));
    String hash = "$2y$10$/W5imL9g2zj2a1eDHe7SI.fyQGcNgrSoziwpH3oTbxDRrkSdtbNre";
    Map<String, String> mistakes =
        Map.of(
            "basic_auth_users:\n  prometheus:\n",
            "basic_auth_users.prometheus: has no bcrypt hash",
            "basic_auth_users:\n  prometheus: " + hash.replace("$10$", "$03$") + "\n",
            "basic_auth_users.prometheus: has bcrypt cost 03",
            "tls_server_config:\n  cert_file: server.pem\n  key_file: client.key\n",
            "tls_server_config.key_file: does not match cert_file",
            "basic_auth_users:\n  prometheus: " + hash + "\n  prometheus: " + hash + "\n",
            "line 3: duplicate key prometheus");
    for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
      Path web = Files.writeString(dir.resolve("web.yml"), mistake.getKey());
      err.reset();
      assertEquals(1, run("--config.file=" + config, "--web.config.file=" + web, "--check-config"));
      String printed = err.toString(StandardCharsets.UTF_8);
      assertTrue(printed.contains(mistake.getValue()), printed);
    }
  }

  @Test
  void maxRequestsMustBeACount() {
    assertEquals(2, run("--demo", "--web.max-requests=-1"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("--web.max-requests must be a whole number, 0 (no limit) or more"));
  }
}
