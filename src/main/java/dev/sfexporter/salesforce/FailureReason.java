package dev.sfexporter.salesforce;

import java.util.Locale;

/**
 * Why a refresh failed, as the {@code reason} label of {@code salesforce_refresh_failures_total}:
 * each tells the on-call admin where to look.
 */
public enum FailureReason {
  /** The token endpoint refused the credentials (OAuth error), or sign-in is stopped. */
  AUTH,
  /** Salesforce refused a token it had just issued (401 right after renewal). */
  SESSION,
  /** The org has used up its API requests (403 REQUEST_LIMIT_EXCEEDED). */
  REQUEST_LIMIT_EXCEEDED,
  /** Any other 4xx answer. */
  HTTP_4XX,
  /** A 5xx answer: Salesforce or something in front of it is down. */
  HTTP_5XX,
  /** No complete answer within the org's timeout. */
  TIMEOUT,
  /** No answer at all: refused, reset, TLS or DNS failure. */
  NETWORK,
  /** A 2xx answer that is not what the API documents (HTML, truncated, oversized, bad URL). */
  INVALID_RESPONSE;

  /** The label value, e.g. {@code request_limit_exceeded}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The reason for a non-2xx answer of a REST call. */
  public static FailureReason ofStatus(int status, String errorCode) {
    if ("REQUEST_LIMIT_EXCEEDED".equals(errorCode)) {
      return REQUEST_LIMIT_EXCEEDED;
    }
    if (status == 401) {
      return SESSION;
    }
    return status >= 500 ? HTTP_5XX : status >= 400 ? HTTP_4XX : INVALID_RESPONSE;
  }
}
