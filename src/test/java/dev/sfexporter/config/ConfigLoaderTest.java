package dev.sfexporter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.Samples;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;
  private final Map<String, String> env =
      Map.of("SANDBOX_CLIENT_ID", "3MVG9sandbox", "SANDBOX_CLIENT_SECRET", "env-secret-value");
  private final ConfigLoader loader = new ConfigLoader(env::get);

  private ExporterConfig parse(String yaml) throws ConfigException {
    return loader.parse(yaml, dir);
  }

  /** The problems a file has, asserting it is refused. */
  private List<String> problems(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml)).problems();
  }

  private void assertProblem(String expected, String yaml) {
    List<String> problems = problems(yaml);
    assertTrue(
        problems.stream().anyMatch(p -> p.contains(expected)),
        "expected a problem containing <" + expected + "> but got " + problems);
  }

  @Test
  void theContractExampleLoadsWithDefaultsAndOverrides() throws Exception {
    Files.writeString(dir.resolve("prod.key"), Samples.resource("/keys/rsa-pkcs1.pem"));
    ExporterConfig config =
        parse(
            """
        refresh_interval: 60s
        timeout: 10s
        api_version: "63.0"
        orgs:
          - name: prod
            login_url: https://acme.my.salesforce.com/
            refresh_interval: 2m
            auth:
              type: jwt_bearer
              client_id: 3MVG9prod
              username: monitor@acme.com
              private_key_file: prod.key
              audience: https://login.salesforce.com
          - name: sandbox
            login_url: https://acme--uat.sandbox.my.salesforce.com
            api_version: 64
            timeout: 3s
            auth:
              type: client_credentials
              client_id: ${SANDBOX_CLIENT_ID}
              client_secret: ${SANDBOX_CLIENT_SECRET}
        """);
    assertEquals(":9917", config.listenAddress());
    assertEquals(2, config.orgs().size());
    OrgConfig prod = config.orgs().get(0);
    assertEquals("prod", prod.name());
    assertEquals(URI.create("https://acme.my.salesforce.com"), prod.loginUrl());
    assertEquals(Duration.ofMinutes(2), prod.refreshInterval());
    assertEquals(Duration.ofSeconds(10), prod.timeout());
    assertEquals("63.0", prod.apiVersion());
    AuthConfig.JwtBearer jwt = assertInstanceOf(AuthConfig.JwtBearer.class, prod.auth());
    assertEquals("monitor@acme.com", jwt.username());
    assertEquals(URI.create("https://login.salesforce.com"), jwt.audience());

    OrgConfig sandbox = config.orgs().get(1);
    assertEquals("64.0", sandbox.apiVersion());
    assertEquals(Duration.ofSeconds(60), sandbox.refreshInterval());
    assertEquals(Duration.ofSeconds(3), sandbox.timeout());
    AuthConfig.ClientCredentials cc =
        assertInstanceOf(AuthConfig.ClientCredentials.class, sandbox.auth());
    assertEquals("3MVG9sandbox", cc.clientId());
    assertEquals("env-secret-value", cc.clientSecret().reveal());
    assertFalse(cc.toString().contains("env-secret-value"), "records never print secrets");
  }

  @Test
  void everyFlowReadsItsKeys() throws Exception {
    Files.writeString(dir.resolve("refresh.txt"), "5Aep861refresh\n");
    ExporterConfig config =
        parse(
            """
        orgs:
          - name: a
            login_url: https://a.my.salesforce.com
            auth: {type: refresh_token, client_id: cid, refresh_token_file: refresh.txt}
          - name: b
            login_url: https://login.salesforce.com
            auth: {type: password, client_id: cid, client_secret: cs, username: u@x.com,
                   password: pw, security_token: st}
          - name: c
            login_url: https://c.my.salesforce.com
            auth: {type: access_token, access_token: "00D!tok", instance_url: "https://c.my.salesforce.com"}
          - name: d
            login_url: https://d.my.salesforce.com
            auth: {type: client_credentials, client_id: cid, client_secret: cs, client_auth: basic}
        """);
    AuthConfig.RefreshToken refresh = (AuthConfig.RefreshToken) config.orgs().get(0).auth();
    assertEquals(
        "5Aep861refresh", refresh.refreshToken().reveal(), "file content, trailing newline gone");
    assertNull(refresh.clientSecret());
    AuthConfig.Password password = (AuthConfig.Password) config.orgs().get(1).auth();
    assertEquals("st", password.securityToken().reveal());
    AuthConfig.AccessToken given = (AuthConfig.AccessToken) config.orgs().get(2).auth();
    assertEquals(URI.create("https://c.my.salesforce.com"), given.instanceUrl());
    assertTrue(((AuthConfig.ClientCredentials) config.orgs().get(3).auth()).basicAuth());
  }

  @Test
  void unknownAuthTypeNamesTheFieldAndTheChoices() {
    List<String> problems =
        problems(
            """
        orgs:
          - name: ok
            login_url: https://a.my.salesforce.com
            auth: {type: access_token, access_token: t, instance_url: https://a.my.salesforce.com}
          - name: bad
            login_url: https://b.my.salesforce.com
            auth: {type: jwt, client_id: x}
        """);
    assertEquals(
        List.of(
            "orgs[1].auth.type: unknown value \"jwt\"; expected one of jwt_bearer, "
                + "client_credentials, refresh_token, password, access_token"),
        problems);
  }

  @Test
  void eachKindOfMistakeGivesItsNamedError() {
    assertProblem("orgs: is required", "timeout: 5s\n");
    assertProblem("orgs: is empty", "orgs: []\n");
    assertProblem(
        "orgs[0].name: is required",
        "orgs:\n  - login_url: https://a.my.salesforce.com\n    auth: {type: access_token, access_token: t, instance_url: https://a.my.salesforce.com}\n");
    assertProblem(
        "orgs[0].login_url: is required", "orgs:\n  - name: a\n    auth: {type: access_token}\n");
    assertProblem(
        "orgs[0].auth: is required",
        "orgs:\n  - name: a\n    login_url: https://a.my.salesforce.com\n");
    assertProblem(
        "orgs[0].auth.type: is required",
        "orgs:\n  - name: a\n    login_url: https://a.my.salesforce.com\n    auth: {client_id: x}\n");
    assertProblem(
        "orgs[0].login_url: \"http://acme.my.salesforce.com\" must use https",
        "orgs:\n  - name: a\n    login_url: http://acme.my.salesforce.com\n    auth: {type: access_token, access_token: t, instance_url: https://a.my.salesforce.com}\n");
    assertProblem(
        "orgs[0].login_url: \"https://acme.my.salesforce.com/services\" must be just scheme and host",
        "orgs:\n  - name: a\n    login_url: https://acme.my.salesforce.com/services\n    auth: {type: access_token, access_token: t, instance_url: https://a.my.salesforce.com}\n");
    assertProblem(
        "orgs[0].refresh_interval: \"soon\" is not a duration",
        "orgs:\n  - name: a\n    refresh_interval: soon\n    login_url: https://a.my.salesforce.com\n    auth: {type: access_token, access_token: t, instance_url: https://a.my.salesforce.com}\n");
    assertProblem("timeout: must be longer than 0s", "timeout: 0s\norgs: []\n");
    assertProblem(
        "api_version: \"v64\" is not a Salesforce API version", "api_version: v64\norgs: []\n");
    assertProblem(
        "orgs[0].auth.client_secret: is required (or client_secret_file)",
        "orgs:\n  - name: a\n    login_url: https://a.my.salesforce.com\n    auth: {type: client_credentials, client_id: x}\n");
    assertProblem(
        "orgs[0].auth.client_secret: set either client_secret or client_secret_file, not both",
        "orgs:\n  - name: a\n    login_url: https://a.my.salesforce.com\n    auth: {type: client_credentials, client_id: x, client_secret: s, client_secret_file: f}\n");
    assertProblem(
        "orgs[0].auth.client_secret_file: cannot read "
            + dir.resolve("missing.txt")
            + ": no such file",
        "orgs:\n  - name: a\n    login_url: https://a.my.salesforce.com\n    auth: {type: client_credentials, client_id: x, client_secret_file: missing.txt}\n");
    assertProblem(
        "orgs[0].auth.client_secret: environment variable NOT_SET_ANYWHERE is not set",
        "orgs:\n  - name: a\n    login_url: https://a.my.salesforce.com\n    auth: {type: client_credentials, client_id: x, client_secret: \"${NOT_SET_ANYWHERE}\"}\n");
    assertProblem(
        "orgs[0].auth.private_key_file: unknown key for auth type client_credentials",
        "orgs:\n  - name: a\n    login_url: https://a.my.salesforce.com\n    auth: {type: client_credentials, client_id: x, client_secret: s, private_key_file: k}\n");
    assertProblem(
        "orgs[0].refresh: unknown key; expected one of: name, login_url",
        "orgs:\n  - name: a\n    refresh: 5m\n    login_url: https://a.my.salesforce.com\n    auth: {type: access_token, access_token: t, instance_url: https://a.my.salesforce.com}\n");
    assertProblem(
        "orgs[1].name: \"a\" is used by another org",
        "orgs:\n  - name: a\n    login_url: https://a.my.salesforce.com\n    auth: {type: access_token, access_token: t, instance_url: https://a.my.salesforce.com}\n"
            + "  - name: a\n    login_url: https://b.my.salesforce.com\n    auth: {type: access_token, access_token: t, instance_url: https://b.my.salesforce.com}\n");
    assertProblem(
        "orgs[0].auth.type: client_credentials needs the org's My Domain login URL",
        "orgs:\n  - name: a\n    login_url: https://login.salesforce.com\n    auth: {type: client_credentials, client_id: x, client_secret: s}\n");
    assertProblem(
        "orgs[0].auth.client_auth: unknown value \"header\"; expected body or basic",
        "orgs:\n  - name: a\n    login_url: https://a.my.salesforce.com\n    auth: {type: client_credentials, client_id: x, client_secret: s, client_auth: header}\n");
  }

  @Test
  void allProblemsAreReportedAtOnce() {
    List<String> problems =
        problems(
            """
        timeout: forever
        orgs:
          - name: a
            login_url: ftp://x
            auth: {type: password}
        """);
    assertTrue(problems.size() >= 4, problems.toString());
    assertTrue(
        problems.contains("orgs[0].auth.password: is required (or password_file)"),
        problems.toString());
    assertTrue(problems.get(0).startsWith("timeout:"), problems.toString());
  }

  @Test
  void yamlSyntaxErrorsGiveThePositionButNotTheLine() {
    List<String> problems =
        problems("orgs:\n  - name: a\n    password: \"hunter2-secret\n  bad: [\n");
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith("YAML syntax error at line"), problems.toString());
    assertFalse(
        problems.get(0).contains("hunter2-secret"), "the parser's snippet could show a secret");
    assertProblem("found duplicate key orgs", "orgs: []\norgs: []\n");
  }

  @Test
  void privateKeyProblemsNameTheFileAndTheFix() throws IOException {
    for (String[] c :
        new String[][] {
          {"rsa-encrypted-pkcs8.pem", "encrypted with a passphrase"},
          {"rsa-encrypted-pkcs1.pem", "encrypted with a passphrase"},
          {"ec.pem", "needs an RSA key"},
          {"ec-pkcs8.pem", "is not an RSA private key"},
          {"certificate.pem", "holds a certificate but no private key"}
        }) {
      Files.writeString(dir.resolve(c[0]), Samples.resource("/keys/" + c[0]));
      String yaml =
          "orgs:\n  - name: a\n    login_url: https://login.salesforce.com\n"
              + "    auth: {type: jwt_bearer, client_id: x, username: u, private_key_file: "
              + c[0]
              + "}\n";
      List<String> problems = problems(yaml);
      assertEquals(1, problems.size(), problems.toString());
      assertTrue(
          problems.get(0).startsWith("orgs[0].auth.private_key_file (" + dir.resolve(c[0]) + "): "),
          problems.toString());
      assertTrue(problems.get(0).contains(c[1]), c[0] + ": " + problems);
    }
  }

  @Test
  void jwtKeysLoadInBothPemFormatsAndInline() throws Exception {
    Files.writeString(dir.resolve("pkcs1.pem"), Samples.resource("/keys/rsa-pkcs1.pem"));
    Files.writeString(dir.resolve("pkcs8.pem"), Samples.resource("/keys/rsa-pkcs8.pem"));
    ConfigLoader withKeyInEnv =
        new ConfigLoader(Map.of("PEM", Samples.resource("/keys/rsa-pkcs8.pem"))::get);
    ExporterConfig config =
        withKeyInEnv.parse(
            """
        orgs:
          - name: one
            login_url: https://test.salesforce.com
            auth: {type: jwt_bearer, client_id: x, username: u, private_key_file: pkcs1.pem}
          - name: eight
            login_url: https://acme.my.salesforce.com
            auth: {type: jwt_bearer, client_id: x, username: u, private_key_file: pkcs8.pem}
          - name: inline
            login_url: https://acme--dev.sandbox.my.salesforce.com
            auth: {type: jwt_bearer, client_id: x, username: u, private_key: "${PEM}"}
        """,
            dir);
    AuthConfig.JwtBearer one = (AuthConfig.JwtBearer) config.orgs().get(0).auth();
    AuthConfig.JwtBearer eight = (AuthConfig.JwtBearer) config.orgs().get(1).auth();
    AuthConfig.JwtBearer inline = (AuthConfig.JwtBearer) config.orgs().get(2).auth();
    assertEquals(
        one.privateKey().getModulus(), eight.privateKey().getModulus(), "same key, two formats");
    assertEquals(one.privateKey().getModulus(), inline.privateKey().getModulus());
    assertEquals(LoginUrls.SANDBOX, one.audience(), "test.salesforce.com means a sandbox");
    assertEquals(LoginUrls.PRODUCTION, eight.audience());
    assertEquals(LoginUrls.SANDBOX, inline.audience(), "sandbox My Domain");
  }

  @Test
  void loadNamesAMissingFile() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> loader.load(dir.resolve("nope.yml")));
    assertEquals(
        List.of("--config.file: cannot read " + dir.resolve("nope.yml") + ": no such file"),
        e.problems());
  }

  @Test
  void durationsReadLikePrometheus() {
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
    assertEquals(Duration.ofHours(2), Durations.parse("2h"));
    assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("30"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("-5s"));
  }
}
