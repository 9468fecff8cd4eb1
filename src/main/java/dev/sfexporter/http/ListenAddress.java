package dev.sfexporter.http;

/** {@code host:port}, {@code :port} (all interfaces) or {@code [::1]:port}. */
public record ListenAddress(String host, int port) {

  /**
   * @throws IllegalArgumentException saying what a valid address looks like
   */
  public static ListenAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not host:port; write e.g. :9917 or 127.0.0.1:9917");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "\"" + text + "\" has no valid port (0-65535); write e.g. :9917");
    }
    return new ListenAddress(host.isEmpty() ? null : host, port);
  }

  @Override
  public String toString() {
    return (host == null ? "" : host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
