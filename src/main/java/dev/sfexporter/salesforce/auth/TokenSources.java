package dev.sfexporter.salesforce.auth;

import dev.sfexporter.config.AuthConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.logging.LogLine;
import dev.sfexporter.salesforce.ApiCallRecorder;
import dev.sfexporter.salesforce.SalesforceHttp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the token source for an org's configured flow. */
public final class TokenSources {
  private static final Logger LOG = LoggerFactory.getLogger(TokenSources.class);

  private TokenSources() {}

  public static TokenSource create(
      OrgConfig org, SalesforceHttp http, ApiCallRecorder recorder, Clock clock) {
    AuthConfig auth = org.auth();
    TokenGrant grant;
    switch (auth.type()) {
      case ACCESS_TOKEN -> {
        AuthConfig.AccessToken given = (AuthConfig.AccessToken) auth;
        return new GivenTokenSource(new AccessToken(given.accessToken(), given.instanceUrl(), ""));
      }
      case CLIENT_CREDENTIALS ->
          grant = new ClientCredentialsGrant((AuthConfig.ClientCredentials) auth);
      case JWT_BEARER -> grant = new JwtBearerGrant((AuthConfig.JwtBearer) auth, clock);
      case REFRESH_TOKEN ->
          grant = new RefreshTokenGrant(org.name(), (AuthConfig.RefreshToken) auth);
      case PASSWORD -> {
        LOG.warn(
            "{}",
            LogLine.of(
                    "the OAuth username-password flow is being retired by Salesforce"
                        + " (new orgs block it); move to jwt_bearer or client_credentials")
                .with("org", org.name()));
        grant = new PasswordGrant((AuthConfig.Password) auth);
      }
      default -> throw new IllegalArgumentException("unknown auth type " + auth.type());
    }
    TokenEndpoint endpoint = new TokenEndpoint(org.loginUrl(), http, recorder);
    return new RenewingTokenSource(org.name(), grant, endpoint);
  }
}
