package dev.sfexporter.config;

import java.net.URI;
import java.time.Duration;

/**
 * One watched org.
 *
 * @param name the {@code org} label value
 * @param loginUrl where tokens come from, without a trailing slash
 * @param apiVersion e.g. {@code 64.0}
 * @param refreshInterval a cached /limits response younger than this is served as is
 * @param timeout bounds each HTTP call to Salesforce
 */
public record OrgConfig(
    String name,
    URI loginUrl,
    String apiVersion,
    Duration refreshInterval,
    Duration timeout,
    AuthConfig auth) {}
