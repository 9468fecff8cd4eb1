package dev.sfexporter.salesforce.auth;

import com.google.gson.JsonObject;
import dev.sfexporter.logging.LogLine;
import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.FailureReason;
import dev.sfexporter.salesforce.SalesforceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caches the token of an OAuth flow and asks for a new one only when there is none (first use, or
 * after Salesforce answered 401). Callers that arrive while a token request is under way wait for
 * it and share its result. Refused credentials and refused fresh sessions back off; a flow that can
 * lock its user out stops after a few refusals until the configuration is reloaded.
 */
public final class RenewingTokenSource implements TokenSource {
  private static final Logger LOG = LoggerFactory.getLogger(RenewingTokenSource.class);

  private final String org;
  private final TokenGrant grant;
  private final TokenEndpoint endpoint;
  private final Object lock = new Object();
  private volatile AccessToken token;
  private int refusalsInARow;
  private volatile String lastRefusal;
  private volatile String stopped;

  public RenewingTokenSource(String org, TokenGrant grant, TokenEndpoint endpoint) {
    this.org = org;
    this.grant = grant;
    this.endpoint = endpoint;
  }

  @Override
  public Lease current(Deadline deadline) throws SalesforceException {
    AccessToken cached = token;
    if (cached != null) {
      return new Lease(cached, false);
    }
    synchronized (lock) {
      if (token != null) {
        return new Lease(token, false);
      }
      if (stopped != null) {
        throw new SalesforceException(FailureReason.AUTH, 0, stopped);
      }
      try {
        JsonObject answer = endpoint.request(grant.request(), deadline);
        grant.accepted(answer);
        token = TokenEndpoint.tokenOf(answer);
        refusalsInARow = 0;
        lastRefusal = null;
        return new Lease(token, true);
      } catch (SalesforceException e) {
        if (e.reason() == FailureReason.AUTH) {
          refusalsInARow++;
          lastRefusal = e.getMessage();
          stopIfLockoutNear();
        }
        throw e;
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
  public void sessionRefused(AccessToken rejected, String why) {
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
    synchronized (lock) {
      stopped = null;
      refusalsInARow = 0;
      lastRefusal = null;
    }
  }
}
