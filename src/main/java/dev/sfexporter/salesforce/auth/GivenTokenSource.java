package dev.sfexporter.salesforce.auth;

import dev.sfexporter.salesforce.SalesforceException;
import dev.sfexporter.salesforce.SalesforceException.Kind;

/**
 * A token from the config ({@code auth.type: access_token}). Once Salesforce rejects it, it is
 * done.
 */
public final class GivenTokenSource implements TokenSource {
  private final AccessToken token;
  private volatile boolean rejected;

  public GivenTokenSource(AccessToken token) {
    this.token = token;
  }

  @Override
  public AccessToken current() throws SalesforceException {
    if (rejected) {
      throw new SalesforceException(
          Kind.AUTH,
          401,
          "the token in auth.access_token expired or was revoked and cannot be renewed; "
              + "get a new one (sf org display) and reload, or use a flow that renews itself");
    }
    return token;
  }

  @Override
  public void invalidate(AccessToken stale) {
    rejected = true;
  }

  @Override
  public boolean renewable() {
    return false;
  }

  @Override
  public String state() {
    return rejected ? "token expired (not renewable)" : "ok";
  }
}
