package dev.sfexporter.salesforce;

/**
 * A call to Salesforce that did not give a usable answer. The message says what Salesforce said
 * (its errorCode and message when it sent them) and never contains a credential.
 */
public final class SalesforceException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, so callers can tell credential refusals from outages. */
  public enum Kind {
    /** No HTTP answer: refused, reset, timed out, TLS failure. */
    TRANSPORT,
    /** An HTTP answer that is not 2xx. */
    HTTP,
    /** A 2xx answer whose body is not what the API documents. */
    UNPARSEABLE,
    /** The token endpoint refused the credentials (OAuth error). */
    AUTH,
    /** No call made: authentication is backing off after repeated failures. */
    BACKOFF
  }

  private final Kind kind;
  private final int status;

  /**
   * @param status the HTTP status, or 0 when there was no HTTP answer
   */
  public SalesforceException(Kind kind, int status, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  public SalesforceException(Kind kind, int status, String message) {
    this(kind, status, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** Salesforce says the session (access token) is no longer valid. */
  public boolean isInvalidSession() {
    return kind == Kind.HTTP && status == 401;
  }
}
