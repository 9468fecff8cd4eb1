package dev.sfexporter.salesforce;

/**
 * A call to Salesforce that did not give a usable answer. The message says what Salesforce said
 * (its errorCode and message when it sent them) and never contains a credential.
 */
public final class SalesforceException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, so callers can tell auth problems from outages. */
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
  private final String endpoint;
  private final int status;
  private final String errorCode;

  public SalesforceException(
      Kind kind, String endpoint, int status, String errorCode, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.endpoint = endpoint;
    this.status = status;
    this.errorCode = errorCode;
  }

  public SalesforceException(
      Kind kind, String endpoint, int status, String errorCode, String message) {
    this(kind, endpoint, status, errorCode, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** {@code limits}, {@code token}, … — the same value as the metrics' endpoint label. */
  public String endpoint() {
    return endpoint;
  }

  /** The HTTP status, or 0 when there was no HTTP answer. */
  public int status() {
    return status;
  }

  /** Salesforce's errorCode (REST) or error (OAuth), or null. */
  public String errorCode() {
    return errorCode;
  }

  /** Salesforce says the session (access token) is no longer valid. */
  public boolean isInvalidSession() {
    return kind == Kind.HTTP && status == 401;
  }

  /** The credentials or the auth set-up are wrong, rather than Salesforce being unwell. */
  public boolean isAuthFailure() {
    return kind == Kind.AUTH || kind == Kind.BACKOFF || isInvalidSession();
  }
}
