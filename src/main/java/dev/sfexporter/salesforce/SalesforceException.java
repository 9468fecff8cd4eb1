package dev.sfexporter.salesforce;

/**
 * A call to Salesforce that did not give a usable answer. The message says what Salesforce said
 * (its errorCode and message when it sent them) and never contains a credential.
 */
public final class SalesforceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final FailureReason reason;
  private final int status;

  /**
   * @param status the HTTP status, or 0 when there was no HTTP answer
   */
  public SalesforceException(FailureReason reason, int status, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.status = status;
  }

  public SalesforceException(FailureReason reason, int status, String message) {
    this(reason, status, message, null);
  }

  public FailureReason reason() {
    return reason;
  }

  /** The HTTP status, or 0 when there was no HTTP answer. */
  public int status() {
    return status;
  }

  /** Salesforce says the session (access token) is no longer valid. */
  public boolean isInvalidSession() {
    return status == 401 && reason == FailureReason.SESSION;
  }

  /** The same failure told as another reason (e.g. a 401 that is a session problem). */
  public SalesforceException as(FailureReason other, String why) {
    return new SalesforceException(other, status, getMessage() + why, getCause());
  }
}
