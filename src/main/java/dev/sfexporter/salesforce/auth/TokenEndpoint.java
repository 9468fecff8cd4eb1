package dev.sfexporter.salesforce.auth;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sfexporter.config.LoginUrls;
import dev.sfexporter.config.Secret;
import dev.sfexporter.salesforce.ApiCallRecorder;
import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.ErrorBodies;
import dev.sfexporter.salesforce.FailureReason;
import dev.sfexporter.salesforce.HttpResult;
import dev.sfexporter.salesforce.Redaction;
import dev.sfexporter.salesforce.SalesforceException;
import dev.sfexporter.salesforce.SalesforceHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.net.WWWFormCodec;

/** Posts a grant to {@code {login_url}/services/oauth2/token} and reads the token answer. */
public final class TokenEndpoint {
  public static final String ENDPOINT = "token";

  /** Salesforce's opaque tokens are ~112 characters, its JWT-based ones a few KB. */
  static final int MAX_TOKEN_CHARS = 16 * 1024;

  /** Form fields whose values are secrets, so never echoed into a log line. */
  private static final List<String> SECRET_FIELDS =
      List.of("client_secret", "password", "refresh_token", "assertion", "client_assertion");

  private final URI tokenUrl;
  private final SalesforceHttp http;
  private final ApiCallRecorder recorder;

  public TokenEndpoint(URI loginUrl, SalesforceHttp http, ApiCallRecorder recorder) {
    this.tokenUrl = URI.create(loginUrl + "/services/oauth2/token");
    this.http = http;
    this.recorder = recorder;
  }

  /**
   * The answer's JSON, which holds at least a sane {@code access_token} and an https {@code
   * instance_url}.
   */
  public CompletableFuture<JsonObject> request(TokenRequest grant, Deadline deadline) {
    SimpleHttpRequest post = SimpleHttpRequest.create(Method.POST, tokenUrl);
    List<NameValuePair> fields = new ArrayList<>();
    grant.form().forEach((k, v) -> fields.add(new BasicNameValuePair(k, v)));
    post.setBody(
        WWWFormCodec.format(fields, StandardCharsets.UTF_8),
        ContentType.APPLICATION_FORM_URLENCODED.withCharset(StandardCharsets.UTF_8));
    post.setHeader("Accept", "application/json");
    if (grant.basicAuthUser() != null) {
      String pair = grant.basicAuthUser() + ":" + grant.basicAuthPassword().reveal();
      post.setHeader(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    List<String> sent = new ArrayList<>();
    SECRET_FIELDS.forEach(field -> sent.add(grant.form().get(field)));
    if (grant.basicAuthPassword() != null) {
      sent.add(grant.basicAuthPassword().reveal());
      sent.add(post.getFirstHeader("Authorization").getValue().substring("Basic ".length()));
    }
    return http.exchange(
        post,
        deadline,
        ENDPOINT,
        recorder,
        Redaction.of(sent.toArray(String[]::new)),
        this::refusal,
        TokenEndpoint::checked);
  }

  private static JsonObject checked(String body) {
    JsonElement json = JsonParser.parseString(body);
    if (!(json instanceof JsonObject answer)) {
      throw new IllegalArgumentException("the answer is not a JSON object");
    }
    if (requireText(answer, "access_token").length() > MAX_TOKEN_CHARS) {
      throw new IllegalArgumentException(
          "the access_token is longer than " + MAX_TOKEN_CHARS + " characters");
    }
    try {
      answer.addProperty(
          "instance_url", LoginUrls.check(requireText(answer, "instance_url")).toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "its instance_url is refused, so the token is not used: " + e.getMessage(), e);
    }
    return answer;
  }

  /** Reads the fields every flow's answer carries; the answer was {@link #checked}. */
  public static AccessToken tokenOf(JsonObject answer) {
    return new AccessToken(
        new Secret(answer.get("access_token").getAsString()),
        URI.create(answer.get("instance_url").getAsString()),
        orgIdOf(answer.get("id")));
  }

  /** The org id is the next-to-last segment of {@code https://login…/id/00D…/005…}. */
  private static String orgIdOf(JsonElement id) {
    if (id == null || !id.isJsonPrimitive()) {
      return "";
    }
    String[] parts = id.getAsString().split("/");
    return parts.length >= 3 && parts[parts.length - 2].matches("00D[0-9A-Za-z]{12,15}")
        ? parts[parts.length - 2]
        : "";
  }

  private SalesforceException refusal(HttpResult result) {
    ErrorBodies.Said said = ErrorBodies.describe(result);
    boolean oauthError = result.status() == 400 || result.status() == 401;
    String hint = OAuthHints.forError(said.errorCode(), said.message());
    StringBuilder message =
        new StringBuilder("token request to ")
            .append(tokenUrl)
            .append(" refused: HTTP ")
            .append(result.status());
    if (said.errorCode() != null) {
      message.append(' ').append(said.errorCode());
    }
    if (said.message() != null) {
      message.append(": ").append(said.message());
    }
    if (hint != null) {
      message.append(" (hint: ").append(hint).append(')');
    }
    return new SalesforceException(
        oauthError ? FailureReason.AUTH : FailureReason.ofStatus(result.status(), said.errorCode()),
        result.status(),
        message.toString());
  }

  private static String requireText(JsonObject answer, String key) {
    JsonElement value = answer.get(key);
    if (value == null || !value.isJsonPrimitive() || value.getAsString().isBlank()) {
      throw new IllegalArgumentException("the answer has no " + key);
    }
    return value.getAsString();
  }
}
