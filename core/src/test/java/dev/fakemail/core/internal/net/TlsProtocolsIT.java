package dev.fakemail.core.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS 1.2 and 1.3 only, on every TLS listener and after STARTTLS (both go through {@link TlsMaterial#wrap}). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsProtocolsIT {

  @Test
  void everyServerSideTlsSocketEnablesOnlyTls12And13() throws Exception {
    try (ServerSocket listen = new ServerSocket(0);
         Socket client = new Socket("127.0.0.1", listen.getLocalPort());
         Socket accepted = listen.accept();
         SSLSocket server = TlsMaterial.builtIn().wrap(accepted)) {
      assertThat(server.getUseClientMode()).isFalse();
      assertThat(server.getEnabledProtocols()).isNotEmpty().allMatch(p -> p.equals("TLSv1.2") || p.equals("TLSv1.3"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Listener.class, names = {"SMTPS", "POP3S", "IMAPS"})
  void implicitTlsListenersNegotiateTls13OrTls12(Listener listener) throws Exception {
    try (FakeMailServer server = FakeMailServer.builder().listeners(listener).start()) {
      try (SSLSocket s = (SSLSocket) server.tls().clientSocketFactory().createSocket(server.host(), server.port(listener))) {
        s.setSoTimeout(10_000);
        s.startHandshake();
        assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
      }
      try (SSLSocket s = (SSLSocket) server.tls().clientSocketFactory().createSocket(server.host(), server.port(listener))) {
        s.setSoTimeout(10_000);
        s.setEnabledProtocols(new String[] {"TLSv1.2"});
        s.startHandshake();
        assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
      }
    }
  }
}
