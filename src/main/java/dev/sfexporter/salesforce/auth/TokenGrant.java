package dev.sfexporter.salesforce.auth;

import com.google.gson.JsonObject;

/** One OAuth flow: what to post for a token, and what to keep from the answer. */
public interface TokenGrant {

  /** Built anew for each request (a JWT assertion carries its own expiry). */
  TokenRequest request();

  /** Called with each successful token answer, e.g. to keep a rotated refresh token. */
  default void accepted(JsonObject answer) {}

  /** Refused sign-ins in a row after which to stop trying; 0 for flows that cannot lock out. */
  default int maxRefusalsInARow() {
    return 0;
  }
}
