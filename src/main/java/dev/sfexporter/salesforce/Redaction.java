package dev.sfexporter.salesforce;

import java.util.List;
import java.util.Objects;

/**
 * Replaces the secrets a call sent (its bearer token, client secret, password, refresh token, JWT
 * assertion) wherever Salesforce or a proxy echoes them back in an error body, before that text
 * reaches a log line or the landing page.
 */
public final class Redaction {
  public static final String MARK = "<redacted>";

  /** Shorter values would match ordinary words; real secrets are far longer. */
  private static final int MIN_LENGTH = 6;

  public static final Redaction NONE = new Redaction(List.of());

  private final List<String> secrets;

  private Redaction(List<String> secrets) {
    this.secrets = secrets;
  }

  public static Redaction of(String... secrets) {
    return new Redaction(
        java.util.Arrays.stream(secrets)
            .filter(Objects::nonNull)
            .filter(s -> s.length() >= MIN_LENGTH)
            .toList());
  }

  public String apply(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MARK);
      // An echo may be URL-encoded (a form field) or JSON-escaped.
      String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
      if (!encoded.equals(secret)) {
        result = result.replace(encoded, MARK);
      }
    }
    return result;
  }
}
