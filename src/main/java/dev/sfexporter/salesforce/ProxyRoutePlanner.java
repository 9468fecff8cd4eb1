package dev.sfexporter.salesforce;

import dev.sfexporter.config.OutboundConfig;
import java.net.URI;
import java.util.Locale;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/** Sends https through the https proxy and http through the http proxy, except no_proxy hosts. */
final class ProxyRoutePlanner extends DefaultRoutePlanner {
  private final OutboundConfig.Proxy proxy;

  ProxyRoutePlanner(OutboundConfig.Proxy proxy) {
    super(DefaultSchemePortResolver.INSTANCE);
    this.proxy = proxy;
  }

  @Override
  protected HttpHost determineProxy(HttpHost target, HttpContext context) {
    URI via = "https".equals(target.getSchemeName()) ? proxy.httpsProxy() : proxy.httpProxy();
    if (via == null || bypassed(target.getHostName())) {
      return null;
    }
    return new HttpHost(via.getScheme(), via.getHost(), via.getPort() < 0 ? 80 : via.getPort());
  }

  private boolean bypassed(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    for (String entry : proxy.noProxy()) {
      String rule = entry.toLowerCase(Locale.ROOT);
      String domain = rule.startsWith(".") ? rule.substring(1) : rule;
      if (rule.equals("*") || name.equals(domain) || name.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }
}
