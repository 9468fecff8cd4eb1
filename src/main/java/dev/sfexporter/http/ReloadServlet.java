package dev.sfexporter.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;

/**
 * {@code POST /-/reload}, only with {@code --web.enable-lifecycle} (as in Prometheus): 200 when the
 * new configuration is in force, 400 with the problems when it was rejected (the old one keeps
 * serving), never a 500 for a bad file. A browser on another site must not be able to trigger it (a
 * form POST needs no CORS preflight), so a cross-origin request is refused.
 */
final class ReloadServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private final transient Reloader reloader;
  private final boolean enabled;

  ReloadServlet(Reloader reloader, boolean enabled) {
    this.reloader = reloader;
    this.enabled = enabled;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!enabled) {
      answer(
          response,
          403,
          "POST /-/reload is disabled; start the exporter with --web.enable-lifecycle to enable"
              + " it (SIGHUP reloads either way)");
      return;
    }
    if (crossOrigin(request)) {
      answer(response, 403, "cross-origin POST /-/reload refused");
      return;
    }
    Reloader.Outcome outcome = reloader.reload();
    answer(response, outcome.applied() ? 200 : 400, outcome.message());
  }

  private static void answer(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain; charset=utf-8");
    response.getWriter().write(message + "\n");
  }

  /**
   * Browsers say where a request comes from: {@code Sec-Fetch-Site} (anything but same-origin or
   * none, which is a typed URL) and {@code Origin} (a different scheme, host or port). Clients that
   * send neither, such as curl, are not browsers and are let through.
   */
  static boolean crossOrigin(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return true;
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return false;
    }
    try {
      URI from = URI.create(origin.strip());
      String scheme = request.getScheme();
      return from.getScheme() == null
          || from.getHost() == null
          || !from.getScheme().equalsIgnoreCase(scheme)
          || !from.getHost().equalsIgnoreCase(request.getServerName())
          || port(from.getPort(), from.getScheme()) != request.getServerPort();
    } catch (IllegalArgumentException e) {
      return true; // "null" (a sandboxed page) or garbage: not our origin
    }
  }

  private static int port(int port, String scheme) {
    return port >= 0 ? port : scheme.equalsIgnoreCase("https") ? 443 : 80;
  }
}
