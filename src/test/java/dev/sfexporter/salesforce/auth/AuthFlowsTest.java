package dev.sfexporter.salesforce.auth;

import static dev.sfexporter.testing.TestOrgs.HOUR;
import static dev.sfexporter.testing.TestOrgs.base;
import static dev.sfexporter.testing.TestOrgs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sfexporter.config.AuthConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.PemPrivateKeys;
import dev.sfexporter.config.Secret;
import dev.sfexporter.testing.FormBody;
import dev.sfexporter.testing.LogCapture;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each OAuth flow against MockWebServer acting as token endpoint and REST API. */
class AuthFlowsTest {
  @StartStop final MockWebServer salesforce = new MockWebServer();
  private final MutableClock clock = new MutableClock();

  private OrgConfig org(String name, AuthConfig auth) {
    return new OrgConfig(name, base(salesforce), "64.0", HOUR, Duration.ofSeconds(5), auth);
  }

  /** Enqueues token + limits, scrapes once, returns the token request. */
  private RecordedRequest scrapeOnce(OrgConfig org) throws Exception {
    salesforce.enqueue(Samples.token("00Dtoken-" + org.name(), base(salesforce).toString()));
    salesforce.enqueue(Samples.limits());
    try (RunningExporter exporter = RunningExporter.start(config(org), clock)) {
      assertEquals(1, exporter.scrape().require("salesforce_up", "org", org.name()));
    }
    RecordedRequest token = salesforce.takeRequest();
    assertEquals("POST", token.getMethod());
    assertEquals("/services/oauth2/token", token.getUrl().encodedPath());
    assertEquals(
        "application/x-www-form-urlencoded; charset=UTF-8", token.getHeaders().get("Content-Type"));
    RecordedRequest limits = salesforce.takeRequest();
    assertEquals("Bearer 00Dtoken-" + org.name(), limits.getHeaders().get("Authorization"));
    return token;
  }

  @Test
  void clientCredentialsPostsIdAndSecretInTheBody() throws Exception {
    RecordedRequest token =
        scrapeOnce(
            org("cc", new AuthConfig.ClientCredentials("3MVG9cc", new Secret("cc-secret"), false)));
    assertEquals(
        Map.of(
            "grant_type",
            "client_credentials",
            "client_id",
            "3MVG9cc",
            "client_secret",
            "cc-secret"),
        FormBody.of(token));
    assertNull(token.getHeaders().get("Authorization"));
  }

  @Test
  void clientCredentialsCanUseHttpBasic() throws Exception {
    RecordedRequest token =
        scrapeOnce(
            org("basic", new AuthConfig.ClientCredentials("3MVG9cc", new Secret("s3cr:et"), true)));
    assertEquals(Map.of("grant_type", "client_credentials"), FormBody.of(token));
    assertEquals(
        "Basic "
            + Base64.getEncoder()
                .encodeToString("3MVG9cc:s3cr:et".getBytes(StandardCharsets.UTF_8)),
        token.getHeaders().get("Authorization"));
  }

  @Test
  void passwordFlowAppendsTheSecurityTokenAndWarnsOfTheRetirement() throws Exception {
    RecordedRequest token;
    try (LogCapture logs = new LogCapture()) {
      token =
          scrapeOnce(
              org(
                  "pw",
                  new AuthConfig.Password(
                      "3MVG9pw",
                      new Secret("pw-cs"),
                      "monitor@acme.com",
                      new Secret("hunter2"),
                      new Secret("TOKEN123"))));
      List<String> warnings = logs.linesWith("org=pw");
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(
          warnings.get(0).startsWith("WARNING")
              && warnings.get(0).contains("retired")
              && warnings.get(0).contains("jwt_bearer"),
          warnings.get(0));
    }
    assertEquals(
        Map.of(
            "grant_type",
            "password",
            "client_id",
            "3MVG9pw",
            "client_secret",
            "pw-cs",
            "username",
            "monitor@acme.com",
            "password",
            "hunter2TOKEN123"),
        FormBody.of(token));
  }

  @Test
  void refreshTokenFlowSendsItsFieldsAndKeepsARotatedToken() throws Exception {
    OrgConfig org =
        org("rt", new AuthConfig.RefreshToken("3MVG9rt", null, new Secret("refresh-1")));
    salesforce.enqueue(
        Samples.json(
            200,
            "{\"access_token\":\"00Dfirst\",\"instance_url\":\""
                + base(salesforce)
                + "\",\"refresh_token\":\"refresh-2\"}"));
    salesforce.enqueue(Samples.limits());
    salesforce.enqueue(Samples.invalidSession());
    salesforce.enqueue(Samples.token("00Dsecond", base(salesforce).toString()));
    salesforce.enqueue(Samples.limits());
    try (RunningExporter exporter = RunningExporter.start(config(org), clock)) {
      exporter.scrape();
      clock.advance(HOUR);
      assertEquals(1, exporter.scrape().require("salesforce_up", "org", "rt"));
    }
    assertEquals(
        Map.of("grant_type", "refresh_token", "client_id", "3MVG9rt", "refresh_token", "refresh-1"),
        FormBody.of(salesforce.takeRequest()),
        "no client_secret when none is configured");
    salesforce.takeRequest();
    salesforce.takeRequest();
    assertEquals(
        "refresh-2",
        FormBody.of(salesforce.takeRequest()).get("refresh_token"),
        "the rotated refresh token is used for the next token request");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa-pkcs1.pem", "rsa-pkcs8.pem"})
  void jwtBearerSignsAnAssertionTheMatchingPublicKeyVerifies(String keyFile) throws Exception {
    AuthConfig.JwtBearer jwt =
        new AuthConfig.JwtBearer(
            "3MVG9jwt",
            "monitor@acme.com",
            PemPrivateKeys.parseRsa(Samples.resource("/keys/" + keyFile)),
            URI.create("https://test.salesforce.com"));
    Map<String, String> form = FormBody.of(scrapeOnce(org("jwt", jwt)));
    assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.get("grant_type"));
    assertEquals(2, form.size());

    String[] parts = form.get("assertion").split("\\.");
    assertEquals(3, parts.length);
    Base64.Decoder base64url = Base64.getUrlDecoder();
    JsonObject header =
        JsonParser.parseString(new String(base64url.decode(parts[0]), StandardCharsets.UTF_8))
            .getAsJsonObject();
    JsonObject claims =
        JsonParser.parseString(new String(base64url.decode(parts[1]), StandardCharsets.UTF_8))
            .getAsJsonObject();
    assertEquals("{\"alg\":\"RS256\"}", header.toString());
    assertEquals("3MVG9jwt", claims.get("iss").getAsString());
    assertEquals("monitor@acme.com", claims.get("sub").getAsString());
    assertEquals("https://test.salesforce.com", claims.get("aud").getAsString());
    long exp = claims.get("exp").getAsLong();
    assertTrue(
        exp > clock.instant().getEpochSecond()
            && exp <= clock.instant().plusSeconds(180).getEpochSecond(),
        "exp within Salesforce's 3 minutes: " + exp);
    assertTrue(!parts[0].contains("=") && !parts[2].contains("="), "base64url without padding");

    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(publicKey());
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(rs256.verify(base64url.decode(parts[2])), "signature verifies with the public key");
  }

  private static PublicKey publicKey() throws Exception {
    String pem =
        Samples.resource("/keys/rsa-public.pem")
            .replaceAll("-----[A-Z ]+-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }
}
