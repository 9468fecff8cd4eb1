package dev.sfexporter.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The OAuth flows an org can authenticate with, by their configuration names. */
public enum AuthType {
  JWT_BEARER("jwt_bearer"),
  CLIENT_CREDENTIALS("client_credentials"),
  REFRESH_TOKEN("refresh_token"),
  PASSWORD("password"),
  ACCESS_TOKEN("access_token");

  private final String configName;

  AuthType(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static Optional<AuthType> fromConfigName(String name) {
    return Arrays.stream(values()).filter(t -> t.configName.equals(name)).findFirst();
  }

  public static String allConfigNames() {
    return Arrays.stream(values()).map(AuthType::configName).collect(Collectors.joining(", "));
  }
}
