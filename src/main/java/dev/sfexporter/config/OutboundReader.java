package dev.sfexporter.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the {@code http_client} block; without a {@code proxy_url} there, the standard HTTPS_PROXY,
 * HTTP_PROXY and NO_PROXY variables (either case) apply, as for curl.
 */
final class OutboundReader {
  private OutboundReader() {}

  static OutboundConfig read(
      Optional<ConfigNode> block, ConfigNode root, Function<String, String> env) {
    ConfigNode node = block.orElse(null);
    Optional<String> proxyUrl = node == null ? Optional.empty() : node.string("proxy_url");
    Optional<String> username = node == null ? Optional.empty() : node.string("proxy_username");
    Optional<Secret> password = node == null ? Optional.empty() : node.secret("proxy_password");
    Optional<String> noProxy = node == null ? Optional.empty() : node.string("no_proxy");
    List<X509Certificate> cas =
        node == null
            ? List.of()
            : node.string("ca_file")
                .flatMap(file -> node.readFileAs("ca_file", file, PemCertificates::parse))
                .orElse(List.of());
    if (node != null) {
      node.reportUnusedKeys();
    }

    URI https;
    URI http;
    if (proxyUrl.isPresent()) {
      https = parse(node, node.field("proxy_url"), proxyUrl.get());
      http = https;
    } else {
      https = variable(root, env, "HTTPS_PROXY");
      http = variable(root, env, "HTTP_PROXY");
    }
    if (https == null && http == null) {
      return new OutboundConfig(null, cas);
    }
    URI withCredentials = https != null ? https : http;
    String user = username.orElse(userInfo(withCredentials, 0));
    Secret secret =
        password.orElse(
            Optional.ofNullable(userInfo(withCredentials, 1)).map(Secret::new).orElse(null));
    String exceptions =
        noProxy.orElse(
            Optional.ofNullable(env.apply("NO_PROXY"))
                .orElse(Optional.ofNullable(env.apply("no_proxy")).orElse("")));
    List<String> hosts =
        Arrays.stream(exceptions.split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
    return new OutboundConfig(
        new OutboundConfig.Proxy(strip(https), strip(http), user, secret, hosts), cas);
  }

  private static URI variable(ConfigNode root, Function<String, String> env, String name) {
    String value = Optional.ofNullable(env.apply(name)).orElse(env.apply(name.toLowerCase()));
    return value == null || value.isBlank()
        ? null
        : parse(root, name + " (environment)", value.strip());
  }

  private static URI parse(ConfigNode node, String field, String text) {
    try {
      URI uri = new URI(text.contains("://") ? text : "http://" + text);
      if (uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        node.problem(field, "must be a proxy URL such as http://proxy.example.com:3128");
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      node.problem(field, "is not a URL: " + e.getReason());
      return null;
    }
  }

  /** user (0) or password (1) from {@code http://user:password@proxy:3128}, or null. */
  private static String userInfo(URI proxy, int part) {
    if (proxy == null || proxy.getRawUserInfo() == null) {
      return null;
    }
    String[] pieces = proxy.getRawUserInfo().split(":", 2);
    return part < pieces.length ? URLDecoder.decode(pieces[part], StandardCharsets.UTF_8) : null;
  }

  /** The proxy's address without credentials, so it can be shown and logged. */
  private static URI strip(URI proxy) {
    return proxy == null
        ? null
        : URI.create(
            proxy.getScheme()
                + "://"
                + proxy.getHost()
                + (proxy.getPort() < 0 ? "" : ":" + proxy.getPort()));
  }
}
