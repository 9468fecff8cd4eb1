package dev.sfexporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The remembered credential of a scraper that keeps scraping never needs bcrypt again. */
class BcryptCredentialsTest {
  @Test
  void aCredentialInUseStaysRememberedAndOneUnusedForTenMinutesIsForgotten() {
    AtomicLong now = new AtomicLong();
    String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
    BcryptCredentials credentials = new BcryptCredentials(Map.of("prometheus", hash), now::get);

    assertEquals(BcryptCredentials.Verdict.ALLOWED, credentials.check("prometheus", "pw"));
    long afterFirst = credentials.evaluations();
    for (int minute = 0; minute < 60; minute++) {
      now.addAndGet(Duration.ofMinutes(1).toNanos());
      assertEquals(BcryptCredentials.Verdict.ALLOWED, credentials.check("prometheus", "pw"));
    }
    assertEquals(afterFirst, credentials.evaluations(), "an hour of scrapes, no bcrypt");

    now.addAndGet(Duration.ofMinutes(10).toNanos());
    credentials.check("prometheus", "pw");
    assertEquals(afterFirst + 1, credentials.evaluations(), "unused for 10 minutes: checked again");
  }
}
