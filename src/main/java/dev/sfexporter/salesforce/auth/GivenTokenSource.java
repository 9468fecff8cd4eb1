package dev.sfexporter.salesforce.auth;

import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.FailureReason;
import dev.sfexporter.salesforce.SalesforceException;
import java.util.concurrent.CompletableFuture;

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
  public CompletableFuture<Lease> current(Deadline deadline) {
    if (rejected) {
      return CompletableFuture.failedFuture(
          new SalesforceException(
              FailureReason.AUTH,
              401,
              "the token in auth.access_token expired or was revoked and cannot be renewed; "
                  + "get a new one (sf org display) and reload, or use a flow that renews itself"));
    }
    return CompletableFuture.completedFuture(new Lease(token, false));
  }

  @Override
  public void invalidate(AccessToken stale) {
    rejected = true;
  }

  @Override
  public void drop(AccessToken failed) {
    // Nothing to renew it with: an unreachable instance may answer again later.
  }

  @Override
  public String state() {
    return rejected ? "token expired (not renewable)" : "ok";
  }

  @Override
  public void resetAfterReload() {
    rejected = false;
  }
}
