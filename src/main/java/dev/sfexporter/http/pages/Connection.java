package dev.sfexporter.http.pages;

/**
 * How the org is reached: what the configuration and the token answer say, never a secret.
 *
 * @param apiVersionInUse null until the first call
 * @param orgId null until signed in (and empty with {@code access_token})
 * @param edition null without the {@code org} source's answer
 * @param sandbox null without the {@code org} source's answer
 */
public record Connection(
    String loginUrl,
    String authType,
    String authState,
    String apiVersion,
    String apiVersionInUse,
    String orgId,
    String instanceUrl,
    long refreshIntervalSeconds,
    long timeoutSeconds,
    long maxStalenessSeconds,
    String edition,
    String instance,
    Boolean sandbox) {}
