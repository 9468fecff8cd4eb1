package dev.sfexporter.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks Salesforce login and instance URLs, and knows which hosts are Salesforce's shared ones.
 */
public final class LoginUrls {
  public static final URI PRODUCTION = URI.create("https://login.salesforce.com");
  public static final URI SANDBOX = URI.create("https://test.salesforce.com");

  private LoginUrls() {}

  /**
   * An https URL with a host and no path (plain http only on loopback, for tests and the demo),
   * returned as {@code scheme://host[:port]}.
   */
  static Optional<URI> parse(ConfigNode node, String key, String text) {
    try {
      return Optional.of(check(text));
    } catch (IllegalArgumentException e) {
      node.problem(node.field(key), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The same check for a URL Salesforce sends (a token answer's {@code instance_url}): a bearer
   * token must never travel in clear, so anything but https (loopback aside) is refused. User info
   * is dropped, so the result is safe to show.
   *
   * @throws IllegalArgumentException saying what is wrong, quoting the text without user info
   */
  public static URI check(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a URL: " + e.getReason(), e);
    }
    String shown = withoutUserInfo(uri);
    if (uri.getHost() == null || uri.getScheme() == null) {
      throw new IllegalArgumentException(
          "\"" + shown + "\" must be a full URL such as https://acme.my.salesforce.com");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(uri.getHost()))) {
      throw new IllegalArgumentException(
          "\"" + shown + "\" must use https (plain http is allowed only for localhost)");
    }
    String path = uri.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
      throw new IllegalArgumentException(
          "\""
              + shown
              + "\" must be just scheme and host, e.g. "
              + "https://acme.my.salesforce.com (no path)");
    }
    String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
    return URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port);
  }

  /** The URL as text with any {@code user:password@} taken out. */
  static String withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.toString().replace(uri.getRawUserInfo() + "@", "");
  }

  /** login.salesforce.com and test.salesforce.com serve every org, so they cannot tell which. */
  public static boolean isShared(URI url) {
    String host = url.getHost();
    return host.equals(PRODUCTION.getHost()) || host.equals(SANDBOX.getHost());
  }

  /**
   * The JWT audience Salesforce expects for a login URL: test.salesforce.com for sandboxes (their
   * My Domain hosts carry {@code --} or {@code .sandbox.}), login.salesforce.com otherwise.
   */
  public static URI defaultAudience(URI loginUrl) {
    String host = loginUrl.getHost();
    boolean sandbox =
        host.equals(SANDBOX.getHost()) || host.contains(".sandbox.") || host.contains("--");
    return sandbox ? SANDBOX : PRODUCTION;
  }

  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      return literal.matches("[0-9.:a-fA-F]+")
          && InetAddress.getByName(literal).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
