package dev.sfexporter.http;

import dev.sfexporter.http.pages.Style;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;

/**
 * Security headers of the pages and their JSON. An operator's own value of the same header ({@code
 * http_server_config.headers}, set before) is kept.
 */
final class PageHeaders {
  private static final Map<String, String> HEADERS =
      Map.of(
          "Content-Security-Policy", Style.CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Referrer-Policy", "no-referrer",
          "Cache-Control", "no-store");

  private PageHeaders() {}

  static void apply(HttpServletResponse response, String contentType) {
    HEADERS.forEach(
        (name, value) -> {
          if (!response.containsHeader(name)) {
            response.setHeader(name, value);
          }
        });
    response.setContentType(contentType);
  }
}
