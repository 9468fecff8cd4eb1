package dev.sfexporter.salesforce.auth;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sfexporter.config.Secret;
import dev.sfexporter.salesforce.ApiCallRecorder;
import dev.sfexporter.salesforce.ErrorBodies;
import dev.sfexporter.salesforce.HttpResult;
import dev.sfexporter.salesforce.SalesforceException;
import dev.sfexporter.salesforce.SalesforceException.Kind;
import dev.sfexporter.salesforce.SalesforceHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;

/** Posts a grant to {@code {login_url}/services/oauth2/token} and reads the token answer. */
public final class TokenEndpoint {
  public static final String ENDPOINT = "token";

  private final URI tokenUrl;
  private final SalesforceHttp http;
  private final Duration timeout;
  private final ApiCallRecorder recorder;

  public TokenEndpoint(
      URI loginUrl, SalesforceHttp http, Duration timeout, ApiCallRecorder recorder) {
    this.tokenUrl = URI.create(loginUrl + "/services/oauth2/token");
    this.http = http;
    this.timeout = timeout;
    this.recorder = recorder;
  }

  /** The answer's JSON, which holds at least {@code access_token} and {@code instance_url}. */
  public JsonObject request(TokenRequest grant) throws SalesforceException {
    HttpPost post = new HttpPost(tokenUrl);
    List<NameValuePair> fields = new ArrayList<>();
    grant.form().forEach((k, v) -> fields.add(new BasicNameValuePair(k, v)));
    post.setEntity(new UrlEncodedFormEntity(fields, StandardCharsets.UTF_8));
    post.setHeader("Accept", "application/json");
    if (grant.basicAuthUser() != null) {
      String pair = grant.basicAuthUser() + ":" + grant.basicAuthPassword().reveal();
      post.setHeader(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return http.exchange(
        post,
        timeout,
        ENDPOINT,
        recorder,
        this::refusal,
        body -> {
          JsonElement json = JsonParser.parseString(body);
          if (!(json instanceof JsonObject answer)) {
            throw new IllegalArgumentException("the answer is not a JSON object");
          }
          requireText(answer, "access_token");
          URI.create(requireText(answer, "instance_url"));
          return answer;
        });
  }

  /** Reads the two fields every flow's answer carries. */
  public static AccessToken tokenOf(JsonObject answer) {
    return new AccessToken(
        new Secret(answer.get("access_token").getAsString()),
        URI.create(stripSlash(answer.get("instance_url").getAsString())));
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
        oauthError ? Kind.AUTH : Kind.HTTP, result.status(), message.toString());
  }

  private static String requireText(JsonObject answer, String key) {
    JsonElement value = answer.get(key);
    if (value == null || !value.isJsonPrimitive() || value.getAsString().isBlank()) {
      throw new IllegalArgumentException("the answer has no " + key);
    }
    return value.getAsString();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
