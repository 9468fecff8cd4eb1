package dev.sfexporter.salesforce.auth;

import com.google.gson.JsonObject;
import dev.sfexporter.logging.LogLine;
import dev.sfexporter.salesforce.Async;
import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.FailureReason;
import dev.sfexporter.salesforce.SalesforceException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caches the token of an OAuth flow and asks for a new one only when there is none (first use, or
 * after Salesforce answered 401). Callers that arrive while a token request is under way share its
 * result. Refused credentials and refused fresh sessions back off; a flow that can lock its user
 * out stops after a few refusals until the configuration is reloaded.
 */
public final class RenewingTokenSource implements TokenSource {
  private static final Logger LOG = LoggerFactory.getLogger(RenewingTokenSource.class);

  private final String org;
  private final TokenGrant grant;
  private final TokenEndpoint endpoint;
  private final Object lock = new Object();
  private volatile AccessToken token;
  private volatile int refusalsInARow;
  private volatile String lastRefusal;
  private volatile String stopped;
  private CompletableFuture<Lease> requested;

  public RenewingTokenSource(String org, TokenGrant grant, TokenEndpoint endpoint) {
    this.org = org;
    this.grant = grant;
    this.endpoint = endpoint;
  }

  @Override
  public CompletableFuture<Lease> current(Deadline deadline) {
    AccessToken cached = token;
    if (cached != null) {
      return CompletableFuture.completedFuture(new Lease(cached, false));
    }
    synchronized (lock) {
      if (token != null) {
        return CompletableFuture.completedFuture(new Lease(token, false));
      }
      if (requested != null) {
        // Callers that arrive meanwhile share the request under way: one token, not many.
        return requested.thenApply(lease -> new Lease(lease.token(), false));
      }
      if (stopped != null) {
        return Async.failed(new SalesforceException(FailureReason.AUTH, 0, stopped));
      }
      CompletableFuture<Lease> started = new CompletableFuture<>();
      requested = started;
      CompletableFuture<JsonObject> answer;
      try {
        answer = endpoint.request(grant.request(), deadline);
      } catch (RuntimeException e) {
        answer = Async.failed(e);
      }
      answer.whenComplete((json, error) -> settle(started, json, error));
      return started;
    }
  }

  /** Records the token request's outcome; {@code started} completes whatever is thrown here. */
  private void settle(CompletableFuture<Lease> started, JsonObject answer, Throwable error) {
    Throwable failure = error == null ? null : Async.cause(error);
    AccessToken issued = null;
    try {
      if (failure == null) {
        grant.accepted(answer);
        issued = TokenEndpoint.tokenOf(answer);
      }
    } catch (Throwable e) { // an Error too: the waiting refreshes must still end
      failure = e;
      issued = null;
    }
    try {
      synchronized (lock) {
        if (requested == started) {
          requested = null;
        }
        if (issued != null) {
          token = issued;
          refusalsInARow = 0;
          lastRefusal = null;
        } else if (failure instanceof SalesforceException e && e.reason() == FailureReason.AUTH) {
          refusalsInARow++;
          lastRefusal = e.getMessage();
          stopIfLockoutNear();
        }
      }
    } finally {
      if (issued != null) {
        started.complete(new Lease(issued, true));
      } else {
        started.completeExceptionally(failure);
      }
    }
  }

  /** Salesforce locks a user out after a number of failed logins; we stop well before that. */
  private void stopIfLockoutNear() {
    int max = grant.maxRefusalsInARow();
    if (max > 0 && refusalsInARow >= max) {
      stopped =
          "stopped signing in after "
              + refusalsInARow
              + " refused sign-ins in a row, so that Salesforce does not lock the user out;"
              + " fix the credentials, then reload (SIGHUP) or restart";
      LOG.error("{}", LogLine.of(stopped).with("org", org));
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
  public void drop(AccessToken failed) {
    invalidate(failed);
  }

  @Override
  public String state() {
    String current = stopped;
    if (current != null) {
      return current;
    }
    String refused = lastRefusal;
    return refused == null
        ? "ok"
        : refusalsInARow + " refused sign-in" + (refusalsInARow == 1 ? "" : "s") + " in a row";
  }

  @Override
  public void resetAfterReload() {
    // No lock: a token request under way must not stall the reload.
    stopped = null;
    refusalsInARow = 0;
    lastRefusal = null;
  }

  @Override
  public boolean holds(dev.sfexporter.config.AuthConfig next) {
    return grant.holds(next);
  }
}
