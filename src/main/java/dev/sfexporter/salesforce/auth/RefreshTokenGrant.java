package dev.sfexporter.salesforce.auth;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.sfexporter.config.AuthConfig;
import dev.sfexporter.config.Secret;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OAuth 2.0 refresh token flow. When Salesforce rotates the refresh token it sends a new one; we
 * keep that in memory (a restart goes back to the configured one).
 */
final class RefreshTokenGrant implements TokenGrant {
  private final AuthConfig.RefreshToken config;
  private volatile Secret refreshToken;

  RefreshTokenGrant(AuthConfig.RefreshToken config) {
    this.config = config;
    this.refreshToken = config.refreshToken();
  }

  @Override
  public TokenRequest request() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("client_id", config.clientId());
    if (config.clientSecret() != null) {
      form.put("client_secret", config.clientSecret().reveal());
    }
    form.put("refresh_token", refreshToken.reveal());
    return TokenRequest.form(form);
  }

  @Override
  public void accepted(JsonObject answer) {
    JsonElement rotated = answer.get("refresh_token");
    if (rotated != null && rotated.isJsonPrimitive() && !rotated.getAsString().isBlank()) {
      refreshToken = new Secret(rotated.getAsString());
    }
  }
}
