package dev.sfexporter.http;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Checks basic auth credentials against bcrypt hashes, paying bcrypt (~50 ms of CPU at cost 10)
 * once per credential rather than once per scrape:
 *
 * <ul>
 *   <li>A successful check is remembered under a SHA-256 of user, password and hash, for {@link
 *       #REMEMBER_FOR} and at most {@link #REMEMBERED} credentials, as the exporter-toolkit does.
 *   <li>Failures are never remembered, and an unknown user is checked against a dummy hash of the
 *       same cost, so a wrong password and an unknown user cost and take the same.
 *   <li>At most {@link #PERMITS} bcrypt checks run at once; a check that cannot start within {@link
 *       #WAIT} is {@link Verdict#BUSY}, so a wrong-password flood cannot take every core from the
 *       scrapes (whose credentials are remembered and skip bcrypt).
 * </ul>
 */
final class BcryptCredentials {
  static final int REMEMBERED = 100;
  static final Duration REMEMBER_FOR = Duration.ofMinutes(10);
  static final int PERMITS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  static final Duration WAIT = Duration.ofMillis(200);

  // Long passwords are cut at 72 bytes, as htpasswd and OpenBSD do; $2a$/$2b$/$2y$ are read
  // from the hash itself.
  private static final BCrypt.Verifyer BCRYPT =
      BCrypt.verifyer(null, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

  /** The outcome of one check. */
  enum Verdict {
    ALLOWED,
    DENIED,
    BUSY
  }

  private final Map<String, String> hashes;
  private final String dummyHash;
  private final Semaphore permits = new Semaphore(PERMITS);
  private final AtomicLong evaluations = new AtomicLong();
  private final LongSupplier nanoTime;
  private final Map<String, Long> rememberedUntil = new LinkedHashMap<>(16, 0.75f, true);

  BcryptCredentials(Map<String, String> hashes, LongSupplier nanoTime) {
    this.hashes = Map.copyOf(hashes);
    this.nanoTime = nanoTime;
    int cost = 4;
    for (String hash : hashes.values()) {
      cost = Math.max(cost, Integer.parseInt(hash.substring(4, 6)));
    }
    this.dummyHash = BCrypt.withDefaults().hashToString(cost, "no such user".toCharArray());
  }

  Verdict check(String user, String password) {
    String hash = hashes.get(user);
    String key = hash == null ? null : key(user, password, hash);
    if (key != null && remembered(key)) {
      return Verdict.ALLOWED;
    }
    try {
      if (!permits.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return Verdict.BUSY;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Verdict.BUSY;
    }
    boolean verified;
    try {
      evaluations.incrementAndGet();
      verified =
          BCRYPT.verify(password.toCharArray(), (hash != null ? hash : dummyHash).toCharArray())
              .verified;
    } finally {
      permits.release();
    }
    if (key == null || !verified) {
      return Verdict.DENIED;
    }
    remember(key);
    return Verdict.ALLOWED;
  }

  /** How many bcrypt checks ran: what the cache saves is visible here. */
  long evaluations() {
    return evaluations.get();
  }

  private synchronized boolean remembered(String key) {
    Long until = rememberedUntil.get(key);
    if (until == null) {
      return false;
    }
    long now = nanoTime.getAsLong();
    if (until - now <= 0) {
      rememberedUntil.remove(key);
      return false;
    }
    // Each use extends it: a scraper that keeps scraping never has to win a bcrypt slot again,
    // even during a wrong-password flood.
    rememberedUntil.put(key, now + REMEMBER_FOR.toNanos());
    return true;
  }

  private synchronized void remember(String key) {
    rememberedUntil.put(key, nanoTime.getAsLong() + REMEMBER_FOR.toNanos());
    if (rememberedUntil.size() > REMEMBERED) {
      // Access order: the first entry is the one used longest ago.
      rememberedUntil.remove(rememberedUntil.keySet().iterator().next());
    }
  }

  private static String key(String user, String password, String hash) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {user, password, hash}) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha256.update(
            new byte[] {
              (byte) (bytes.length >>> 24),
              (byte) (bytes.length >>> 16),
              (byte) (bytes.length >>> 8),
              (byte) bytes.length
            });
        sha256.update(bytes);
      }
      return Base64.getEncoder().encodeToString(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
