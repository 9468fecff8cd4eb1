package dev.sfexporter.salesforce.auth;

import dev.sfexporter.config.Secret;
import java.util.Map;

/**
 * The form one OAuth flow posts to {@code /services/oauth2/token}.
 *
 * @param form the form fields, secrets among them; never logged
 * @param basicAuthUser with {@code basicAuthPassword}: send as HTTP Basic instead, or null
 */
public record TokenRequest(
    Map<String, String> form, String basicAuthUser, Secret basicAuthPassword) {
  public static TokenRequest form(Map<String, String> form) {
    return new TokenRequest(form, null, null);
  }
}
