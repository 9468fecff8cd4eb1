package dev.sfexporter.salesforce;

/** What a refused REST API call says in the log and on the landing page, with a hint what to do. */
final class ApiRefusals {
  private ApiRefusals() {}

  static SalesforceException of(String url, String version, HttpResult result) {
    ErrorBodies.Said said = ErrorBodies.describe(result);
    return new SalesforceException(
        FailureReason.ofStatus(result.status(), said.errorCode()),
        result.status(),
        "GET "
            + url
            + ": HTTP "
            + result.status()
            + (said.errorCode() == null ? "" : " " + said.errorCode())
            + (said.message() == null ? "" : ": " + said.message())
            + hint(result.status(), said.errorCode(), version));
  }

  private static String hint(int status, String errorCode, String version) {
    if (status == 404 || status == 410) {
      return " (hint: API version "
          + version
          + " may be retired or not yet available in this org; set api_version: auto)";
    }
    if ("API_DISABLED_FOR_ORG".equals(errorCode) || "API_CURRENTLY_DISABLED".equals(errorCode)) {
      return " (hint: the user needs the API Enabled permission, and the edition must allow API"
          + " access)";
    }
    if ("REQUEST_LIMIT_EXCEEDED".equals(errorCode)) {
      return " (the org has used up its API requests; the exporter waits a full refresh interval"
          + " before asking again)";
    }
    return "";
  }
}
