package dev.sfexporter.salesforce.auth;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.sfexporter.config.AuthConfig;
import dev.sfexporter.config.Secret;
import dev.sfexporter.logging.LogLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 refresh token flow. When Salesforce rotates the refresh token it sends a new one (the
 * old one then stops working): we keep it in memory and, when the token came from {@code
 * refresh_token_file}, write it back there atomically so that a restart does not lose it.
 */
final class RefreshTokenGrant implements TokenGrant {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenGrant.class);

  private final String org;
  private final AuthConfig.RefreshToken config;
  private volatile Secret refreshToken;

  RefreshTokenGrant(String org, AuthConfig.RefreshToken config) {
    this.org = org;
    this.config = config;
    this.refreshToken = config.refreshToken();
    Path file = config.refreshTokenFile();
    if (file != null && !writable(file)) {
      LOG.warn(
          "{}",
          LogLine.of(
                  "refresh_token_file cannot be rewritten: if Salesforce rotates the refresh"
                      + " token, the new one lives in memory only and a restart goes back to the"
                      + " revoked one; make the file and its folder writable, or turn rotation off"
                      + " in the connected app")
              .with("org", org)
              .with("file", file));
    }
  }

  @Override
  public TokenRequest request() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("client_id", config.clientId());
    if (config.clientSecret() != null) {
      form.put("client_secret", config.clientSecret().reveal());
    }
    form.put("refresh_token", refreshToken.reveal());
    return TokenRequest.form(form);
  }

  @Override
  public void accepted(JsonObject answer) {
    JsonElement rotated = answer.get("refresh_token");
    if (rotated == null || !rotated.isJsonPrimitive() || rotated.getAsString().isBlank()) {
      return;
    }
    Secret next = new Secret(rotated.getAsString().strip());
    if (next.reveal().equals(refreshToken.reveal())) {
      return;
    }
    refreshToken = next;
    Path file = config.refreshTokenFile();
    if (file == null) {
      LOG.info(
          "{}",
          LogLine.of(
                  "Salesforce rotated the refresh token; kept in memory (a restart uses the"
                      + " configured one)")
              .with("org", org));
      return;
    }
    try {
      replace(file, next.reveal());
      LOG.info(
          "{}",
          LogLine.of("Salesforce rotated the refresh token; written to refresh_token_file")
              .with("org", org)
              .with("file", file));
    } catch (IOException | RuntimeException e) {
      LOG.error(
          "{}",
          LogLine.of(
                  "Salesforce rotated the refresh token but refresh_token_file cannot be"
                      + " rewritten; the new token lives in memory only, a restart will fail to"
                      + " sign in")
              .with("org", org)
              .with("file", file)
              .with("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  /** Writes beside the file, with its permissions, then renames over it: never half a token. */
  static void replace(Path file, String content) throws IOException {
    Path target = file.toRealPath();
    Path dir = target.getParent();
    Path temp = Files.createTempFile(dir, ".refresh-token-", ".tmp");
    try {
      PosixFileAttributeView posix =
          Files.getFileAttributeView(target, PosixFileAttributeView.class);
      if (posix != null) {
        Files.setPosixFilePermissions(temp, posix.readAttributes().permissions());
      } else {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(temp, content + "\n", StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static boolean writable(Path file) {
    try {
      Path target = file.toRealPath();
      return Files.isWritable(target) && Files.isWritable(target.getParent());
    } catch (IOException e) {
      return false;
    }
  }
}
