package dev.sfexporter.salesforce.auth;

import dev.sfexporter.config.AuthConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** OAuth 2.0 client credentials: the app acts as its configured run-as user. */
final class ClientCredentialsGrant implements TokenGrant {
  private final AuthConfig.ClientCredentials config;

  ClientCredentialsGrant(AuthConfig.ClientCredentials config) {
    this.config = config;
  }

  @Override
  public TokenRequest request() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    if (config.basicAuth()) {
      return new TokenRequest(form, config.clientId(), config.clientSecret());
    }
    form.put("client_id", config.clientId());
    form.put("client_secret", config.clientSecret().reveal());
    return TokenRequest.form(form);
  }
}
