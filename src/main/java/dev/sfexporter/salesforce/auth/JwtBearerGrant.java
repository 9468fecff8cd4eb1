package dev.sfexporter.salesforce.auth;

import com.google.gson.JsonObject;
import dev.sfexporter.config.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OAuth 2.0 JWT bearer flow: a fresh RS256-signed assertion for each token request, built with
 * java.security alone.
 */
final class JwtBearerGrant implements TokenGrant {
  /** Salesforce accepts an assertion whose exp is at most 3 minutes away. */
  static final Duration LIFETIME = Duration.ofMinutes(2);

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private final AuthConfig.JwtBearer config;
  private final Clock clock;

  JwtBearerGrant(AuthConfig.JwtBearer config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public TokenRequest request() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    form.put("assertion", assertion());
    return TokenRequest.form(form);
  }

  String assertion() {
    JsonObject header = new JsonObject();
    header.addProperty("alg", "RS256");
    JsonObject claims = new JsonObject();
    claims.addProperty("iss", config.clientId());
    claims.addProperty("sub", config.username());
    claims.addProperty("aud", config.audience().toString());
    claims.addProperty("exp", clock.instant().plus(LIFETIME).getEpochSecond());
    String signingInput = encode(header) + "." + encode(claims);
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(config.privateKey());
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the JWT assertion: " + e.getMessage(), e);
    }
  }

  private static String encode(JsonObject json) {
    return BASE64URL.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
  }
}
