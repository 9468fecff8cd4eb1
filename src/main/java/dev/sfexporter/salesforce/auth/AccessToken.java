package dev.sfexporter.salesforce.auth;

import dev.sfexporter.config.Secret;
import java.net.URI;

/** A bearer token and the instance it is valid for. Salesforce tokens say nothing of expiry. */
public record AccessToken(Secret value, URI instanceUrl) {}
