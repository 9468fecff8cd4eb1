package dev.sfexporter.salesforce.auth;

import com.google.gson.JsonObject;
import dev.sfexporter.salesforce.SalesforceException;
import dev.sfexporter.salesforce.SalesforceException.Kind;

/**
 * Caches the token of an OAuth flow and asks for a new one only when there is none (first use, or
 * after Salesforce answered 401). Callers that arrive while a token request is under way wait for
 * it and share its result. Refused credentials back off.
 */
public final class RenewingTokenSource implements TokenSource {
  private final TokenGrant grant;
  private final TokenEndpoint endpoint;
  private final AuthBackoff backoff;
  private final Object lock = new Object();
  private volatile AccessToken token;

  public RenewingTokenSource(TokenGrant grant, TokenEndpoint endpoint, AuthBackoff backoff) {
    this.grant = grant;
    this.endpoint = endpoint;
    this.backoff = backoff;
  }

  @Override
  public AccessToken current() throws SalesforceException {
    AccessToken cached = token;
    if (cached != null) {
      return cached;
    }
    synchronized (lock) {
      if (token != null) {
        return token;
      }
      if (!backoff.allowed()) {
        throw new SalesforceException(
            Kind.BACKOFF,
            0,
            "not asking for a token: "
                + backoff.describe()
                + "; last refusal: "
                + backoff.lastError());
      }
      try {
        JsonObject answer = endpoint.request(grant.request());
        grant.accepted(answer);
        token = TokenEndpoint.tokenOf(answer);
        backoff.succeeded();
        return token;
      } catch (SalesforceException e) {
        if (e.kind() == Kind.AUTH) {
          backoff.failed(e.getMessage());
        }
        throw e;
      }
    }
  }

  @Override
  public void invalidate(AccessToken rejected) {
    synchronized (lock) {
      if (token == rejected) {
        token = null;
      }
    }
  }

  @Override
  public boolean renewable() {
    return true;
  }

  @Override
  public String state() {
    return backoff.describe();
  }
}
