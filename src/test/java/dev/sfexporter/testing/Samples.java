package dev.sfexporter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;

/** Salesforce-shaped bodies and responses, from src/test/resources/salesforce. */
public final class Samples {
  private Samples() {}

  public static String resource(String path) {
    try (InputStream in = Samples.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String limitsBody() {
    return resource("/salesforce/limits-sample.json");
  }

  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json;charset=UTF-8")
        .body(body)
        .build();
  }

  public static MockResponse limits() {
    return json(200, limitsBody());
  }

  public static MockResponse token(String accessToken, String instanceUrl) {
    return json(
        200,
        "{\"access_token\":\""
            + accessToken
            + "\",\"instance_url\":\""
            + instanceUrl
            + "\",\"id\":\""
            + instanceUrl
            + "/id/00D/005\",\"token_type\":\"Bearer\","
            + "\"issued_at\":\"1793000123456\",\"signature\":\"x\"}");
  }

  /** {@code GET /services/data/}: the versions an org offers, newest last. */
  public static MockResponse versions() {
    return json(
        200,
        "[{\"label\":\"Spring '25\",\"url\":\"/services/data/v63.0\",\"version\":\"63.0\"},"
            + "{\"label\":\"Winter '26\",\"url\":\"/services/data/v65.0\",\"version\":\"65.0\"},"
            + "{\"label\":\"Summer '25\",\"url\":\"/services/data/v64.0\",\"version\":\"64.0\"}]");
  }

  public static MockResponse invalidSession() {
    return json(
        401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
  }
}
