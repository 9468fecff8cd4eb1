package dev.sfexporter.salesforce;

import dev.sfexporter.salesforce.SalesforceHttp.BodyReader;
import dev.sfexporter.salesforce.auth.AccessToken;
import dev.sfexporter.salesforce.auth.TokenSource;
import dev.sfexporter.salesforce.auth.TokenSource.Lease;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.Method;

/**
 * One org's REST API, as every source uses it: a token, the API version, and one new token after a
 * 401 from an older one. A 401 on a token issued for this very call is a session problem: reported
 * as {@code session}, not answered with more token requests.
 */
public final class OrgClient {
  /** What a successful call used, for {@code salesforce_org_info}. */
  public record Identity(String orgId, URI instanceUrl, String apiVersion) {}

  private final TokenSource tokens;
  private final SalesforceHttp http;
  private final ApiCallRecorder recorder;
  private volatile ApiVersions versions;
  private volatile Identity identity;

  public OrgClient(
      TokenSource tokens, ApiVersions versions, SalesforceHttp http, ApiCallRecorder recorder) {
    this.tokens = tokens;
    this.versions = versions;
    this.http = http;
    this.recorder = recorder;
  }

  public TokenSource tokens() {
    return tokens;
  }

  public ApiVersions versions() {
    return versions;
  }

  /** A reload changed {@code api_version}: the token stays. */
  public void useVersions(ApiVersions next) {
    versions = next;
  }

  /** The org id, instance and version of the latest successful call, or null before one. */
  public Identity identity() {
    return identity;
  }

  /**
   * {@code GET {instance}/services/data/v{version}{path}} read by {@code reader}.
   *
   * @param endpoint the name the call is counted under, e.g. {@code limits}
   */
  public <T> CompletableFuture<T> get(
      String path, String endpoint, Deadline deadline, BodyReader<T> reader) {
    return call(version -> "/services/data/v" + version + path, endpoint, deadline, reader);
  }

  /**
   * {@code GET {instance}{pathFromInstance}}, for paths Salesforce hands out whole, such as a
   * query's {@code nextRecordsUrl}.
   */
  public <T> CompletableFuture<T> getFromInstance(
      String pathFromInstance, String endpoint, Deadline deadline, BodyReader<T> reader) {
    try {
      requireRestPath(pathFromInstance);
    } catch (SalesforceException e) {
      return Async.failed(e);
    }
    return call(version -> pathFromInstance, endpoint, deadline, reader);
  }

  private <T> CompletableFuture<T> call(
      UnaryOperator<String> path, String endpoint, Deadline deadline, BodyReader<T> reader) {
    return tokens
        .current(deadline)
        .thenCompose(
            lease ->
                getWith(lease.token(), path, endpoint, deadline, reader)
                    .exceptionallyCompose(
                        error -> retryOnce(lease, error, path, endpoint, deadline, reader)));
  }

  /**
   * Salesforce tokens do not say when they expire: a 401 is how we learn. One new token, one more
   * try, within the same deadline; unless the refused token was issued for this very call.
   */
  private <T> CompletableFuture<T> retryOnce(
      Lease lease,
      Throwable error,
      UnaryOperator<String> path,
      String endpoint,
      Deadline deadline,
      BodyReader<T> reader) {
    if (!(Async.cause(error) instanceof SalesforceException e)) {
      return Async.failed(Async.cause(error));
    }
    if (!e.isInvalidSession()) {
      dropIfUnreachable(lease.token(), e);
      return Async.failed(e);
    }
    tokens.invalidate(lease.token());
    if (lease.fresh()) {
      return Async.failed(e.as(FailureReason.SESSION, " (a token issued moments ago was refused)"));
    }
    return tokens
        .current(deadline)
        .thenCompose(
            renewed ->
                getWith(renewed.token(), path, endpoint, deadline, reader)
                    .whenComplete(
                        (value, again) -> {
                          if (again != null
                              && Async.cause(again) instanceof SalesforceException failed) {
                            forgetAfter(renewed.token(), failed);
                          }
                        }));
  }

  /**
   * Downloads {@code pathFromInstance} (an event log file) as a stream, with the download's own
   * bounds instead of the 1 MiB and per-refresh limits of API calls, on a download thread (it is
   * read as it streams in). A 401 drops the token, so the next refresh starts with a new one.
   */
  public <T> CompletableFuture<T> download(
      String pathFromInstance,
      String endpoint,
      Deadline tokenDeadline,
      java.time.Duration timeout,
      long maxBytes,
      LogDownloads.StreamReader<T> reader) {
    return http.downloads()
        .run(
            () ->
                downloadNow(pathFromInstance, endpoint, tokenDeadline, timeout, maxBytes, reader));
  }

  private <T> T downloadNow(
      String pathFromInstance,
      String endpoint,
      Deadline tokenDeadline,
      java.time.Duration timeout,
      long maxBytes,
      LogDownloads.StreamReader<T> reader)
      throws SalesforceException {
    requireRestPath(pathFromInstance);
    // The download may have waited for a download thread: the token gets a deadline of its own.
    Lease lease = Async.await(tokens.current(Deadline.after(tokenDeadline.total())));
    AccessToken token = lease.token();
    HttpGet get = new HttpGet(token.instanceUrl() + pathFromInstance);
    String bearer = token.value().reveal();
    get.setHeader("Authorization", "Bearer " + bearer);
    try {
      return http.downloads()
          .download(
              get,
              timeout,
              maxBytes,
              endpoint,
              recorder,
              Redaction.of(bearer),
              result -> {
                SalesforceException refused =
                    ApiRefusals.of(SalesforceHttp.hostOf(get), "", result);
                return result.status() == 404
                    ? new SalesforceException(
                        refused.reason(),
                        404,
                        "GET "
                            + SalesforceHttp.hostOf(get)
                            + ": HTTP 404: the log file is gone (without Event Monitoring, event logs"
                            + " are kept one day); the next refresh finds the newest one")
                    : refused;
              },
              reader);
    } catch (SalesforceException e) {
      forgetAfter(token, e);
      throw e;
    }
  }

  /**
   * After a last failed call with {@code token}: a refused session or lost instance starts anew.
   */
  private void forgetAfter(AccessToken token, SalesforceException e) {
    if (e.isInvalidSession()) {
      tokens.invalidate(token);
    } else {
      dropIfUnreachable(token, e);
    }
  }

  /** A path Salesforce hands out (a next page, a log file) must stay within its REST API. */
  private static void requireRestPath(String pathFromInstance) throws SalesforceException {
    if (!pathFromInstance.startsWith("/services/data/")) {
      throw new SalesforceException(
          FailureReason.INVALID_RESPONSE,
          0,
          "refusing to follow \"" + pathFromInstance + "\": not a REST API path");
    }
  }

  /** A token whose instance cannot be reached may point at the wrong place: start afresh. */
  private void dropIfUnreachable(AccessToken token, SalesforceException e) {
    // Not on a timeout: a slow org would then pay a new token on every attempt and never finish.
    if (e.reason() == FailureReason.NETWORK) {
      tokens.drop(token);
    }
  }

  private <T> CompletableFuture<T> getWith(
      AccessToken token,
      UnaryOperator<String> path,
      String endpoint,
      Deadline deadline,
      BodyReader<T> reader) {
    return versions
        .resolve(token.instanceUrl(), deadline)
        .thenCompose(
            version -> {
              SimpleHttpRequest get =
                  SimpleHttpRequest.create(
                      Method.GET, URI.create(token.instanceUrl() + path.apply(version)));
              String bearer = token.value().reveal();
              get.setHeader("Authorization", "Bearer " + bearer);
              get.setHeader("Accept", "application/json");
              return http.exchange(
                      get,
                      deadline,
                      endpoint,
                      recorder,
                      Redaction.of(bearer),
                      result -> ApiRefusals.of(SalesforceHttp.hostOf(get), version, result),
                      reader)
                  .thenApply(
                      value -> {
                        identity = new Identity(token.orgId(), token.instanceUrl(), version);
                        return value;
                      });
            });
  }
}
