package dev.sfexporter.salesforce.auth;

import dev.sfexporter.salesforce.Deadline;
import java.util.concurrent.CompletableFuture;

/** Gives the access token for one org's API calls. */
public interface TokenSource {

  /**
   * A token to use.
   *
   * @param fresh whether this call got it from the token endpoint just now: a 401 on a fresh token
   *     is a session problem, and asking for yet another token would not help
   */
  record Lease(AccessToken token, boolean fresh) {}

  /**
   * The cached token, or a new one from Salesforce when there is none, within the deadline; fails
   * with a {@link dev.sfexporter.salesforce.SalesforceException}.
   */
  CompletableFuture<Lease> current(Deadline deadline);

  /**
   * Salesforce rejected {@code rejected} (401). Forget it, unless another caller has already
   * replaced it, so that concurrent 401s lead to one new token, not many.
   */
  void invalidate(AccessToken rejected);

  /** The token's instance could not be reached: drop it, so the next refresh starts afresh. */
  void drop(AccessToken failed);

  /** One line for the landing page, e.g. {@code ok} or the back-off state. No secrets. */
  String state();

  /** An explicit reload: sign-in attempts stopped to protect the user start again. */
  default void resetAfterReload() {}

  /**
   * Whether a reload with {@code next} may keep this source and its token: false when the
   * credentials it holds are not the ones {@code next} gives (a refresh token replaced by hand).
   */
  default boolean holds(dev.sfexporter.config.AuthConfig next) {
    return true;
  }
}
