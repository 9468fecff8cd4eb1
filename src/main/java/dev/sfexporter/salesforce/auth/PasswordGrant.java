package dev.sfexporter.salesforce.auth;

import dev.sfexporter.config.AuthConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** OAuth 2.0 username-password flow; the security token, if any, follows the password. */
final class PasswordGrant implements TokenGrant {
  private final AuthConfig.Password config;

  PasswordGrant(AuthConfig.Password config) {
    this.config = config;
  }

  /** Salesforce's default lock-out is 10 failed logins; three leave room for a person's tries. */
  @Override
  public int maxRefusalsInARow() {
    return 3;
  }

  @Override
  public TokenRequest request() {
    String token = config.securityToken() == null ? "" : config.securityToken().reveal();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", config.clientId());
    form.put("client_secret", config.clientSecret().reveal());
    form.put("username", config.username());
    form.put("password", config.password().reveal() + token);
    return TokenRequest.form(form);
  }
}
