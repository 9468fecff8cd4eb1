package dev.sfexporter.http;

import dev.sfexporter.config.WebConfig;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's TLS setup from the web config, with one exception to a required client certificate: a
 * connection from loopback may go without one, so that the container's HEALTHCHECK (which has no
 * client certificate) can reach {@code /-/healthy}. {@link ClientCertificateFilter} gives such a
 * connection nothing else. A certificate that is presented is still verified.
 */
final class LoopbackProbeTls extends SslContextFactory.Server {

  LoopbackProbeTls(WebConfig.Tls tls) {
    apply(tls);
  }

  /** Takes the context and settings of {@code tls}; inside {@link #reload} for a running server. */
  void apply(WebConfig.Tls tls) {
    setSslContext(tls.context());
    setIncludeProtocols(tls.protocols().toArray(new String[0]));
    setNeedClientAuth(tls.clientAuth() == WebConfig.ClientAuth.NEED);
    setWantClientAuth(tls.clientAuth() == WebConfig.ClientAuth.WANT);
  }

  @Override
  public SSLEngine newSSLEngine(InetSocketAddress peer) {
    SSLEngine engine = super.newSSLEngine(peer);
    if (getNeedClientAuth()
        && peer != null
        && peer.getAddress() != null
        && peer.getAddress().isLoopbackAddress()) {
      engine.setWantClientAuth(true); // replaces "need" for this connection only
    }
    return engine;
  }
}
