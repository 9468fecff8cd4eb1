package dev.sfexporter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistaken or hostile settings and files: each a named error, never a hang or a crash. */
class HostileConfigTest {
  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

  private static final String ORG =
      """
      orgs:
        - name: prod
          login_url: https://acme.my.salesforce.com
          auth: {type: client_credentials, client_id: cid, client_secret: s}
      """;

  private List<String> problems(String yaml) {
    return assertThrows(ConfigException.class, () -> loader.parse(yaml, dir)).problems();
  }

  private void assertProblem(String expected, String yaml) {
    List<String> problems = problems(yaml);
    assertTrue(
        problems.stream().anyMatch(p -> p.contains(expected)),
        "expected <" + expected + "> in " + problems);
  }

  @Test
  void defaultsFollowWhatSalesforceSupports() throws Exception {
    ExporterConfig config = loader.parse(ORG, dir);
    OrgConfig prod = config.orgs().get(0);
    assertEquals(Duration.ofMinutes(5), prod.refreshInterval(), "288 /limits calls a day");
    assertEquals(Duration.ofHours(1), prod.maxStaleness());
    assertEquals("auto", prod.apiVersion());
    assertEquals(Duration.ofSeconds(10), prod.timeout());
  }

  @Test
  void maxStalenessAtTheTopAndPerOrg() throws Exception {
    ExporterConfig config =
        loader.parse(
            "max_staleness: 2h\n"
                + ORG
                + """
              - name: uat
                login_url: https://acme--uat.sandbox.my.salesforce.com
                max_staleness: 15m
                auth: {type: client_credentials, client_id: cid, client_secret: s}
            """,
            dir);
    assertEquals(Duration.ofHours(2), config.orgs().get(0).maxStaleness());
    assertEquals(Duration.ofMinutes(15), config.orgs().get(1).maxStaleness());
  }

  @Test
  void intervalsAndVersionsThatCannotWork() {
    assertProblem("refresh_interval: must be at least 1s", "refresh_interval: 500ms\n" + ORG);
    assertProblem("api_version: \"30.0\" is retired", "api_version: \"30.0\"\n" + ORG);
    assertProblem(
        "max_staleness: \"9999999999999999d\" is too long",
        "max_staleness: 9999999999999999d\n" + ORG);
    assertProblem(
        "timeout: \"99999999999999999999999s\" is too long",
        "timeout: 99999999999999999999999s\n" + ORG);
  }

  @Test
  void theSameMistakeInManyOrgsIsReportedOnceWithACount() {
    StringBuilder yaml = new StringBuilder("orgs:\n");
    for (int i = 0; i < 500; i++) {
      yaml.append("  - {name: org")
          .append(i)
          .append(", login_url: https://acme.my.salesforce.com, auth: {type: jwt}}\n");
    }
    List<String> problems = problems(yaml.toString());
    assertEquals(
        List.of(
            "orgs[0].auth.type: unknown value \"jwt\"; expected one of jwt_bearer,"
                + " client_credentials, refresh_token, password, access_token (and 499 more places"
                + " with this problem)"),
        problems);
  }

  @Test
  void filesThatAreNotSmallRegularFilesAreRefusedByName() throws Exception {
    Path fifo = dir.resolve("secret.fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Files.createDirectory(dir.resolve("a-directory"));
    try (RandomAccessFile big = new RandomAccessFile(dir.resolve("huge").toFile(), "rw")) {
      big.setLength(17L << 20);
    }
    Map<String, String> cases =
        Map.of(
            "secret.fifo", "not a regular file",
            "a-directory", "is a directory",
            "/dev/zero", "not a regular file",
            "huge", "is larger than 1048576 bytes");
    for (Map.Entry<String, String> each : cases.entrySet()) {
      assertProblem(
          "orgs[0].auth.client_secret_file: cannot read",
          """
          orgs:
            - name: prod
              login_url: https://acme.my.salesforce.com
              auth: {type: client_credentials, client_id: cid, client_secret_file: %s}
          """
              .formatted(each.getKey()));
      assertProblem(
          each.getValue(),
          """
          orgs:
            - name: prod
              login_url: https://acme.my.salesforce.com
              auth: {type: client_credentials, client_id: cid, client_secret_file: %s}
          """
              .formatted(each.getKey()));
    }
    ConfigException configFile =
        assertThrows(ConfigException.class, () -> loader.load(dir.resolve("huge")));
    assertTrue(
        configFile.getMessage().contains("--config.file: cannot read")
            && configFile.getMessage().contains("is larger than 16777216 bytes"),
        configFile.getMessage());
    ConfigException fifoConfig = assertThrows(ConfigException.class, () -> loader.load(fifo));
    assertTrue(fifoConfig.getMessage().contains("not a regular file"), fifoConfig.getMessage());
    ConfigException webConfig =
        assertThrows(ConfigException.class, () -> WebConfigLoader.load(fifo));
    assertTrue(webConfig.getMessage().contains("--web.config.file"), webConfig.getMessage());
  }

  @Test
  void userInfoInAUrlIsNeverShown() {
    List<String> problems = problems(ORG.replace("https://acme", "http://admin:hunter2@acme"));
    assertTrue(problems.toString().contains("must use https"), problems.toString());
    assertTrue(!problems.toString().contains("hunter2"), problems.toString());
  }
}
