package dev.sfexporter.salesforce;

import dev.sfexporter.salesforce.SalesforceException.Kind;
import dev.sfexporter.salesforce.auth.AccessToken;
import dev.sfexporter.salesforce.auth.TokenSource;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpGet;

/** Reads one org's /limits, getting a new token once if Salesforce says the session is invalid. */
public final class LimitsClient {
  public static final String ENDPOINT = "limits";

  private final String apiVersion;
  private final Duration timeout;
  private final TokenSource tokens;
  private final SalesforceHttp http;
  private final ApiCallRecorder recorder;

  public LimitsClient(
      String apiVersion,
      Duration timeout,
      TokenSource tokens,
      SalesforceHttp http,
      ApiCallRecorder recorder) {
    this.apiVersion = apiVersion;
    this.timeout = timeout;
    this.tokens = tokens;
    this.http = http;
    this.recorder = recorder;
  }

  public OrgLimits fetch() throws SalesforceException {
    AccessToken token = tokens.current();
    try {
      return fetchWith(token);
    } catch (SalesforceException e) {
      if (!e.isInvalidSession()) {
        throw e;
      }
      // Salesforce tokens do not say when they expire: a 401 is how we learn. One new token,
      // one more try; a second 401 is a real problem and is reported as such.
      tokens.invalidate(token);
      return fetchWith(tokens.current());
    }
  }

  private OrgLimits fetchWith(AccessToken token) throws SalesforceException {
    String url = token.instanceUrl() + "/services/data/v" + apiVersion + "/limits";
    HttpGet get = new HttpGet(url);
    get.setHeader("Authorization", "Bearer " + token.value().reveal());
    get.setHeader("Accept", "application/json");
    return http.exchange(
        get,
        timeout,
        ENDPOINT,
        recorder,
        result -> {
          ErrorBodies.Said said = ErrorBodies.describe(result);
          return new SalesforceException(
              Kind.HTTP,
              result.status(),
              "GET "
                  + url
                  + ": HTTP "
                  + result.status()
                  + (said.errorCode() == null ? "" : " " + said.errorCode())
                  + (said.message() == null ? "" : ": " + said.message())
                  + hint(result.status(), said.errorCode()));
        },
        LimitsParser::parse);
  }

  private String hint(int status, String errorCode) {
    if (status == 404 || status == 410) {
      return " (hint: API version "
          + apiVersion
          + " may be retired or not yet available in this"
          + " org; set api_version)";
    }
    if ("API_DISABLED_FOR_ORG".equals(errorCode) || "API_CURRENTLY_DISABLED".equals(errorCode)) {
      return " (hint: the user needs the API Enabled permission, and the edition must allow API"
          + " access)";
    }
    return "";
  }
}
