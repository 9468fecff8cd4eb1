package dev.sfexporter.salesforce.auth;

import java.util.Locale;

/** What usually fixes Salesforce's common OAuth refusals, in words an admin can act on. */
final class OAuthHints {
  private OAuthHints() {}

  static String forError(String error, String description) {
    String text = (description == null ? "" : description).toLowerCase(Locale.ROOT);
    if (text.contains("audience")) {
      return "the JWT audience must be https://login.salesforce.com for production, "
          + "https://test.salesforce.com for sandboxes; set auth.audience if you use another";
    }
    if (text.contains("hasn't approved")
        || text.contains("not approved")
        || text.contains("not pre-authorized")
        || text.contains("pre-authorized")) {
      return "in the connected app set Permitted Users to 'Admin approved users are "
          + "pre-authorized' and add the user's profile or a permission set to the app";
    }
    if (text.contains("expired access/refresh token") || text.contains("expired")) {
      return "the refresh token expired or was revoked (refresh token policy, or the app's "
          + "access was revoked); authorize again and put the new token in the config";
    }
    if (text.contains("ip restricted") || text.contains("ip") && text.contains("restrict")) {
      return "the login is refused from this IP; relax IP restrictions in the connected app "
          + "or add this host's address to the profile's login IP ranges";
    }
    if (text.contains("authentication failure")) {
      return "username, password or security token is wrong, or the user is locked out";
    }
    if ("invalid_client_id".equals(error) || "invalid_client".equals(error)) {
      return "the consumer key or secret is wrong, or the app is not yet active "
          + "(new connected apps take up to 10 minutes)";
    }
    if ("unsupported_grant_type".equals(error)) {
      return "enable this flow in the connected app's OAuth settings";
    }
    return null;
  }
}
