package dev.sfexporter.salesforce;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers for the futures of Salesforce calls. */
public final class Async {
  private Async() {}

  /** The failure inside the wrappers a future chain adds. */
  public static Throwable cause(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** A step of a call chain that may refuse what it was given. */
  @FunctionalInterface
  public interface Step<A, B> {
    B apply(A input) throws SalesforceException;
  }

  /** {@code step} for {@code thenApply}: its refusal fails the chain. */
  public static <A, B> java.util.function.Function<A, B> checked(Step<A, B> step) {
    return input -> {
      try {
        return step.apply(input);
      } catch (SalesforceException e) {
        throw new CompletionException(e);
      }
    };
  }

  /** A failed future, for a call refused before it was sent. */
  public static <T> CompletableFuture<T> failed(Throwable error) {
    return CompletableFuture.failedFuture(error);
  }

  /**
   * Waits for a call, for the few callers that block (an event log download runs on a thread of its
   * own). Every call has its own deadline, so this never waits forever.
   */
  public static <T> T await(CompletableFuture<T> call) throws SalesforceException {
    try {
      return call.join();
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      Throwable cause = cause(e);
      if (cause instanceof SalesforceException salesforce) {
        throw salesforce;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }
}
