package dev.sfexporter.salesforce.auth;

import static dev.sfexporter.testing.TestOrgs.base;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.sfexporter.config.OutboundConfig;
import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.SalesforceHttp;
import dev.sfexporter.testing.Samples;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** A token request that ends in something unexpected still ends, and the next one is made. */
class TokenRequestFailuresTest {
  @StartStop final MockWebServer salesforce = new MockWebServer();

  @Test
  void anErrorWhileKeepingTheAnswerFailsTheRequestAndTheNextOneIsMade() throws Exception {
    TokenGrant grant =
        new TokenGrant() {
          private final AtomicBoolean first = new AtomicBoolean(true);

          @Override
          public TokenRequest request() {
            return TokenRequest.form(Map.of("grant_type", "client_credentials"));
          }

          @Override
          public void accepted(JsonObject answer) {
            if (first.getAndSet(false)) {
              throw new StackOverflowError("while keeping the rotated token");
            }
          }
        };
    salesforce.enqueue(Samples.token("00Dx!first", base(salesforce).toString()));
    salesforce.enqueue(Samples.token("00Dx!second", base(salesforce).toString()));
    try (SalesforceHttp http =
        new SalesforceHttp(
            "test", 4, Duration.ofSeconds(5), OutboundConfig.DIRECT, Runnable::run)) {
      RenewingTokenSource tokens =
          new RenewingTokenSource(
              "prod", grant, new TokenEndpoint(base(salesforce), http, (endpoint, failed) -> {}));

      ExecutionException failed =
          assertThrows(
              ExecutionException.class,
              () -> tokens.current(Deadline.after(Duration.ofSeconds(5))).get(6, TimeUnit.SECONDS));
      assertTrue(failed.getCause() instanceof StackOverflowError, failed.toString());

      TokenSource.Lease next =
          tokens.current(Deadline.after(Duration.ofSeconds(5))).get(6, TimeUnit.SECONDS);
      assertEquals("00Dx!second", next.token().value().reveal());
      assertEquals(2, salesforce.getRequestCount());
    }
  }
}
