package dev.sfexporter.salesforce.auth;

import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.SalesforceException;

/** Gives the access token for one org's API calls. */
public interface TokenSource {

  /**
   * A token to use.
   *
   * @param fresh whether this call got it from the token endpoint just now: a 401 on a fresh token
   *     is a session problem, and asking for yet another token would not help
   */
  record Lease(AccessToken token, boolean fresh) {}

  /** The cached token, or a new one from Salesforce when there is none, within the deadline. */
  Lease current(Deadline deadline) throws SalesforceException;

  /**
   * Salesforce rejected {@code rejected} (401). Forget it, unless another caller has already
   * replaced it, so that concurrent 401s lead to one new token, not many.
   */
  void invalidate(AccessToken rejected);

  /**
   * Salesforce rejected a token it had just issued: forget it, and wait before asking for another
   * one as after refused credentials.
   */
  void sessionRefused(AccessToken rejected, String why);

  /** The token could not be used for a reason other than 401 (unreachable instance): drop it. */
  void drop(AccessToken failed);

  /** One line for the landing page, e.g. {@code ok} or the back-off state. No secrets. */
  String state();

  /** An explicit reload: sign-in attempts stopped to protect the user start again. */
  default void resetAfterReload() {}
}
