package dev.sfexporter.salesforce.auth;

import dev.sfexporter.config.Secret;
import java.net.URI;

/**
 * A bearer token and the instance it is valid for. Salesforce tokens say nothing of expiry.
 *
 * @param orgId the 18-character org id from the token answer's {@code id} URL, or "" when the flow
 *     gives none (a token from the config)
 */
public record AccessToken(Secret value, URI instanceUrl, String orgId) {}
