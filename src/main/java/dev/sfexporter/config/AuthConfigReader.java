package dev.sfexporter.config;

import java.net.URI;
import java.security.interfaces.RSAPrivateKey;
import java.util.Optional;

/** Reads an org's {@code auth} block into the record of its flow. */
final class AuthConfigReader {
  private AuthConfigReader() {}

  /**
   * @param loginUrl the org's login URL, or empty when that is itself invalid
   */
  static Optional<AuthConfig> read(ConfigNode auth, Optional<URI> loginUrl) {
    Optional<String> typeName = auth.requiredString("type");
    if (typeName.isEmpty()) {
      return Optional.empty();
    }
    Optional<AuthType> type = AuthType.fromConfigName(typeName.get());
    if (type.isEmpty()) {
      auth.problem(
          auth.field("type"),
          "unknown value \"" + typeName.get() + "\"; expected one of " + AuthType.allConfigNames());
      return Optional.empty();
    }
    int before = auth.problemCount();
    AuthConfig config =
        switch (type.get()) {
          case JWT_BEARER -> jwtBearer(auth, loginUrl);
          case CLIENT_CREDENTIALS -> clientCredentials(auth, loginUrl);
          case REFRESH_TOKEN ->
              new AuthConfig.RefreshToken(
                  auth.requiredString("client_id").orElse(null),
                  auth.secret("client_secret").orElse(null),
                  auth.requiredSecret("refresh_token").orElse(null),
                  auth.string("refresh_token_file").map(auth::resolvePath).orElse(null));
          case PASSWORD ->
              new AuthConfig.Password(
                  auth.requiredString("client_id").orElse(null),
                  auth.requiredSecret("client_secret").orElse(null),
                  auth.requiredString("username").orElse(null),
                  auth.requiredSecret("password").orElse(null),
                  auth.secret("security_token").orElse(null));
          case ACCESS_TOKEN ->
              new AuthConfig.AccessToken(
                  auth.requiredSecret("access_token").orElse(null),
                  auth.requiredString("instance_url")
                      .flatMap(url -> LoginUrls.parse(auth, "instance_url", url))
                      .orElse(null));
        };
    auth.reportUnusedKeys(" for auth type " + type.get().configName());
    return auth.problemCount() > before ? Optional.empty() : Optional.of(config);
  }

  private static AuthConfig jwtBearer(ConfigNode auth, Optional<URI> loginUrl) {
    String clientId = auth.requiredString("client_id").orElse(null);
    String username = auth.requiredString("username").orElse(null);
    URI audience =
        auth.string("audience")
            .flatMap(a -> LoginUrls.parse(auth, "audience", a))
            .orElse(loginUrl.map(LoginUrls::defaultAudience).orElse(null));
    return new AuthConfig.JwtBearer(clientId, username, privateKey(auth), audience);
  }

  /** From {@code private_key_file}, or inline PEM in {@code private_key} (e.g. from ${ENV}). */
  private static RSAPrivateKey privateKey(ConfigNode auth) {
    Optional<String> file = auth.string("private_key_file");
    Optional<String> inline = auth.string("private_key");
    if (file.isPresent() && inline.isPresent()) {
      auth.problem(
          auth.field("private_key"), "set either private_key or private_key_file, not both");
      return null;
    }
    if (file.isPresent()) {
      return auth.readFileAs("private_key_file", file.get(), PemPrivateKeys::parseRsa).orElse(null);
    }
    if (inline.isEmpty()) {
      auth.problem(
          auth.field("private_key_file"), "is required (or private_key with the PEM text)");
      return null;
    }
    try {
      return PemPrivateKeys.parseRsa(inline.get());
    } catch (IllegalArgumentException e) {
      auth.problem(auth.field("private_key"), e.getMessage());
      return null;
    }
  }

  private static AuthConfig clientCredentials(ConfigNode auth, Optional<URI> loginUrl) {
    loginUrl
        .filter(LoginUrls::isShared)
        .ifPresent(
            url ->
                auth.problem(
                    auth.field("type"),
                    "client_credentials needs the org's My Domain login URL "
                        + "(https://<mydomain>.my.salesforce.com); "
                        + url.getHost()
                        + " serves every org and rejects this flow"));
    String clientId = auth.requiredString("client_id").orElse(null);
    Secret secret = auth.requiredSecret("client_secret").orElse(null);
    String style = auth.string("client_auth").orElse("body");
    if (!style.equals("body") && !style.equals("basic")) {
      auth.problem(
          auth.field("client_auth"), "unknown value \"" + style + "\"; expected body or basic");
    }
    return new AuthConfig.ClientCredentials(clientId, secret, style.equals("basic"));
  }
}
