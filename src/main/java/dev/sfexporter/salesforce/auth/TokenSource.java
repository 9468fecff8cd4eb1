package dev.sfexporter.salesforce.auth;

import dev.sfexporter.salesforce.SalesforceException;

/** Gives the access token for one org's API calls. */
public interface TokenSource {

  /** The cached token, or a new one from Salesforce when there is none. */
  AccessToken current() throws SalesforceException;

  /**
   * Salesforce rejected {@code rejected} (401). Forget it, unless another caller has already
   * replaced it, so that concurrent 401s lead to one new token, not many.
   */
  void invalidate(AccessToken rejected);

  /** Whether a new token can be had after a 401; false for a token given in the config. */
  boolean renewable();

  /** One line for the landing page, e.g. {@code ok} or the back-off state. No secrets. */
  String state();
}
