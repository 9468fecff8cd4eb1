package dev.sfexporter.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** Adds the operator's response headers ({@code http_server_config.headers}) to every answer. */
final class HeadersFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private final Map<String, String> headers;

  HeadersFilter(Map<String, String> headers) {
    this.headers = headers;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    headers.forEach(response::setHeader);
    chain.doFilter(request, response);
  }
}
