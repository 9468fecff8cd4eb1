package dev.sfexporter.config;

import java.net.URI;
import java.security.interfaces.RSAPrivateKey;

/** How one org authenticates: one record per OAuth flow, each holding what that flow needs. */
public sealed interface AuthConfig {

  AuthType type();

  /** What must be equal for a reload to keep the org's token: by default, everything. */
  default AuthConfig connectionIdentity() {
    return this;
  }

  /** OAuth 2.0 JWT bearer flow: a connected app's consumer key and the certificate's key. */
  record JwtBearer(String clientId, String username, RSAPrivateKey privateKey, URI audience)
      implements AuthConfig {
    @Override
    public AuthType type() {
      return AuthType.JWT_BEARER;
    }

    @Override
    public String toString() {
      return "JwtBearer[clientId="
          + clientId
          + ", username="
          + username
          + ", audience="
          + audience
          + "]";
    }
  }

  /** Client credentials flow; the secret goes in the form body or as HTTP Basic. */
  record ClientCredentials(String clientId, Secret clientSecret, boolean basicAuth)
      implements AuthConfig {
    @Override
    public AuthType type() {
      return AuthType.CLIENT_CREDENTIALS;
    }
  }

  /**
   * Refresh token flow; {@code clientSecret} is null for apps that do not require one.
   *
   * @param refreshTokenFile where {@code refresh_token_file} pointed, or null: a rotated token is
   *     written back there so that it survives a restart
   */
  record RefreshToken(
      String clientId,
      Secret clientSecret,
      Secret refreshToken,
      java.nio.file.Path refreshTokenFile)
      implements AuthConfig {
    public RefreshToken(String clientId, Secret clientSecret, Secret refreshToken) {
      this(clientId, clientSecret, refreshToken, null);
    }

    @Override
    public AuthType type() {
      return AuthType.REFRESH_TOKEN;
    }

    /**
     * The same sign-in whatever token the file holds now: the exporter itself rewrites it when
     * Salesforce rotates the token, and that must not look like a new configuration.
     */
    @Override
    public AuthConfig connectionIdentity() {
      return refreshTokenFile == null
          ? this
          : new RefreshToken(clientId, clientSecret, null, refreshTokenFile);
    }
  }

  /** Username-password flow; {@code securityToken} is null when the org trusts our IP. */
  record Password(
      String clientId, Secret clientSecret, String username, Secret password, Secret securityToken)
      implements AuthConfig {
    @Override
    public AuthType type() {
      return AuthType.PASSWORD;
    }
  }

  /** A token obtained elsewhere (e.g. {@code sf org display}); it cannot be renewed. */
  record AccessToken(Secret accessToken, URI instanceUrl) implements AuthConfig {
    @Override
    public AuthType type() {
      return AuthType.ACCESS_TOKEN;
    }
  }
}
