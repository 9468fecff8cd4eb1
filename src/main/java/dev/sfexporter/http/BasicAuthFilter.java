package dev.sfexporter.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.mindrot.jbcrypt.BCrypt;

/**
 * HTTP basic auth against bcrypt hashes, as {@code htpasswd -nBC 10} writes them. An unknown user
 * is checked against a dummy hash of the same cost, so it takes as long as a wrong password and
 * does not reveal which users exist.
 */
final class BasicAuthFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private final Map<String, String> hashes = new HashMap<>();
  private final String dummyHash;
  private final Set<String> openPaths;

  BasicAuthFilter(Map<String, String> users, Set<String> openPaths) {
    int cost = 10;
    for (Map.Entry<String, String> user : users.entrySet()) {
      // jBCrypt reads $2a$; $2y$ (htpasswd) and $2b$ are the same algorithm for these inputs.
      String hash = "$2a$" + user.getValue().substring(user.getValue().indexOf('$', 1) + 1);
      hashes.put(user.getKey(), hash);
      cost = Math.max(cost, Integer.parseInt(hash.substring(4, 6)));
    }
    this.dummyHash = BCrypt.hashpw("no such user", BCrypt.gensalt(cost));
    this.openPaths = openPaths;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (openPaths.contains(request.getRequestURI())
        || authorized(request.getHeader("Authorization"))) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader(
        "WWW-Authenticate", "Basic realm=\"salesforce-exporter\", charset=\"UTF-8\"");
    response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String hash = hashes.get(decoded.substring(0, colon));
    boolean matches = BCrypt.checkpw(decoded.substring(colon + 1), hash != null ? hash : dummyHash);
    return hash != null && matches;
  }
}
