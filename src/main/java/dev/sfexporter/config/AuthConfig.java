package dev.sfexporter.config;

import java.net.URI;
import java.security.interfaces.RSAPrivateKey;

/** How one org authenticates: one record per OAuth flow, each holding what that flow needs. */
public sealed interface AuthConfig {

  AuthType type();

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

  /** Refresh token flow; {@code clientSecret} is null for apps that do not require one. */
  record RefreshToken(String clientId, Secret clientSecret, Secret refreshToken)
      implements AuthConfig {
    @Override
    public AuthType type() {
      return AuthType.REFRESH_TOKEN;
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
