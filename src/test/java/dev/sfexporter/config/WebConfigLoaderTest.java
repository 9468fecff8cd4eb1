package dev.sfexporter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.Samples;
import dev.sfexporter.testing.TlsFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConfigLoaderTest {
  @TempDir Path dir;

  private WebConfig load(String yaml) throws Exception {
    TlsFixtures.copy(dir, "server.pem");
    TlsFixtures.copy(dir, "server.key");
    TlsFixtures.copy(dir, "ca.pem");
    Files.writeString(dir.resolve("sec1-ec.key"), Samples.resource("/keys/ec.pem"));
    Files.writeString(dir.resolve("other.key"), Samples.resource("/tls/client.key"));
    return WebConfigLoader.load(Files.writeString(dir.resolve("web.yml"), yaml));
  }

  private void assertProblem(String expected, String yaml) {
    List<String> problems = assertThrows(ConfigException.class, () -> load(yaml)).problems();
    assertTrue(
        problems.stream().anyMatch(p -> p.contains(expected)),
        "expected <" + expected + "> in " + problems);
  }

  @Test
  void aNodeExporterStyleFileLoadsAndItsGoOnlySettingsAreReportedNotApplied() throws Exception {
    WebConfig web =
        load(
            """
        tls_server_config:
          cert_file: server.pem
          key_file: server.key
          client_auth_type: VerifyClientCertIfGiven
          client_ca_file: ca.pem
          min_version: TLS13
          cipher_suites: [TLS_AES_128_GCM_SHA256]
        http_server_config:
          http2: true
          headers:
            X-Content-Type-Options: nosniff
        basic_auth_users:
          prometheus: $2y$10$/W5imL9g2zj2a1eDHe7SI.fyQGcNgrSoziwpH3oTbxDRrkSdtbNre
        """);
    assertNotNull(web.tls());
    assertEquals(WebConfig.ClientAuth.WANT, web.tls().clientAuth());
    assertEquals(List.of("TLSv1.3"), web.tls().protocols());
    assertEquals("nosniff", web.headers().get("X-Content-Type-Options"));
    assertTrue(web.users().containsKey("prometheus"));
    assertEquals(2, web.warnings().size(), web.warnings().toString());
    assertEquals(WebConfig.PLAIN, load(""), "an empty file means plain HTTP, as in the toolkit");
  }

  @Test
  void mistakesAreNamed() {
    assertProblem(
        "tls_server_config.cert_file: is required", "tls_server_config:\n  key_file: server.key\n");
    assertProblem(
        "tls_server_config.key_file: cannot read " + dir.resolve("nope.key") + ": no such file",
        "tls_server_config:\n  cert_file: server.pem\n  key_file: nope.key\n");
    assertProblem(
        "tls_server_config.client_auth_type: unknown value \"Always\"",
        "tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n  client_auth_type: Always\n");
    assertProblem(
        "tls_server_config.client_ca_file: is required with client_auth_type RequireAndVerifyClientCert",
        "tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n  client_auth_type: RequireAndVerifyClientCert\n");
    assertProblem(
        "tls_server_config.min_version: \"TLS9\" is not usable",
        "tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n  min_version: TLS9\n");
    assertProblem(
        "tls_server_config.cert_file (" + dir.resolve("server.key") + "): holds no",
        "tls_server_config:\n  cert_file: server.key\n  key_file: server.key\n");
    assertProblem(
        "tls_server_config.key_file ("
            + dir.resolve("sec1-ec.key")
            + "): holds an EC key in SEC1 form",
        "tls_server_config:\n  cert_file: server.pem\n  key_file: sec1-ec.key\n");
    assertProblem(
        "basic_auth_users.alice: is not a bcrypt hash",
        "basic_auth_users:\n  alice: plaintext-password\n");
    assertProblem(
        "http_server_config.headers.Server: is not a header that can be set",
        "http_server_config:\n  headers:\n    Server: mine\n");
    assertProblem("tls_config: unknown key", "tls_config:\n  cert_file: server.pem\n");
  }

  @Test
  void failsClosedOnEveryHashCertificateAndKeyMistake() {
    String valid = "$2y$10$/W5imL9g2zj2a1eDHe7SI.fyQGcNgrSoziwpH3oTbxDRrkSdtbNre";
    for (String empty : List.of("prometheus:", "prometheus: ~", "prometheus: ''")) {
      assertProblem(
          "basic_auth_users.prometheus: has no bcrypt hash (empty); make one with: htpasswd -nBC 10"
              + " prometheus",
          "basic_auth_users:\n  " + empty + "\n  other: " + valid + "\n");
    }
    assertProblem(
        "basic_auth_users.alice: has bcrypt cost 03; bcrypt allows 04 to 31",
        "basic_auth_users:\n  alice: " + valid.replace("$10$", "$03$") + "\n");
    assertProblem(
        "basic_auth_users.alice: has bcrypt cost 99",
        "basic_auth_users:\n  alice: " + valid.replace("$10$", "$99$") + "\n");
    assertProblem(
        "basic_auth_users.alice: is not a bcrypt hash",
        "basic_auth_users:\n  alice: " + valid.replace("$2y$", "$2$") + "\n");
    assertProblem(
        "tls_server_config.key_file: does not match cert_file",
        "tls_server_config:\n  cert_file: server.pem\n  key_file: other.key\n");
    assertProblem(
        "line 3: duplicate key prometheus",
        "basic_auth_users:\n  prometheus: " + valid + "\n  prometheus: " + valid + "\n");
    assertProblem(
        "tls_server_config.client_allowed_sans: needs client_auth_type RequireAndVerifyClientCert",
        "tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n"
            + "  client_allowed_sans: [prometheus.example]\n");
  }

  @Test
  void aDuplicateKeyIsNamedWithoutShowingTheHash() {
    String hash = "$2y$10$/W5imL9g2zj2a1eDHe7SI.fyQGcNgrSoziwpH3oTbxDRrkSdtbNre";
    List<String> problems =
        assertThrows(
                ConfigException.class,
                () ->
                    load(
                        "basic_auth_users:\n  prometheus: "
                            + hash
                            + "\n  prometheus: "
                            + hash
                            + "\n"))
            .problems();
    assertTrue(problems.stream().noneMatch(p -> p.contains("W5imL9")), problems.toString());
  }
}
