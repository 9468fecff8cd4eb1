package dev.sfexporter.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * HTTP basic auth against bcrypt hashes, as {@code htpasswd -nBC 10} writes them. See {@link
 * BcryptCredentials} for what a check costs and why it is cached.
 */
final class BasicAuthFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private final transient BcryptCredentials credentials;
  private final Set<String> openPaths;

  BasicAuthFilter(BcryptCredentials credentials, Set<String> openPaths) {
    this.credentials = credentials;
    this.openPaths = openPaths;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (openPaths.contains(request.getRequestURI())) {
      chain.doFilter(request, response);
      return;
    }
    BcryptCredentials.Verdict verdict = check(request.getHeader("Authorization"));
    if (verdict == BcryptCredentials.Verdict.ALLOWED) {
      chain.doFilter(request, response);
    } else if (verdict == BcryptCredentials.Verdict.BUSY) {
      response.setHeader("Retry-After", "1");
      response.sendError(
          HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "too many password checks in progress; try again");
    } else {
      response.setHeader(
          "WWW-Authenticate", "Basic realm=\"salesforce-exporter\", charset=\"UTF-8\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }
  }

  private BcryptCredentials.Verdict check(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return BcryptCredentials.Verdict.DENIED;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return BcryptCredentials.Verdict.DENIED;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return BcryptCredentials.Verdict.DENIED;
    }
    return credentials.check(decoded.substring(0, colon), decoded.substring(colon + 1));
  }
}
