package org.takedown.notice;

import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * "mail" in /actuator/health and readiness: notices cannot go out without it. A real server is checked by opening a
 * connection to its SMTP port (quick, no sign-in, nothing sent; Spring Boot's own check would sign in on every probe
 * and wait up to the 10 s SMTP timeout); the embedded demo server by its state.
 */
@Component("mailHealthIndicator")
class MailHealth implements HealthIndicator {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final ObjectProvider<GreenMail> embedded;
  private final ObjectProvider<JavaMailSenderImpl> sender;

  MailHealth(ObjectProvider<GreenMail> embedded, ObjectProvider<JavaMailSenderImpl> sender) {
    this.embedded = embedded;
    this.sender = sender;
  }

  @Override
  public Health health() {
    GreenMail server = embedded.getIfAvailable();
    if (server != null) {
      boolean running = server.getSmtp() != null && server.getSmtp().isRunning();
      return (running ? Health.up() : Health.down()).withDetail("server", "embedded demo server")
          .withDetail("smtpPort", server.getSmtp() == null ? "none" : server.getSmtp().getPort()).build();
    }
    JavaMailSenderImpl mail = sender.getIfAvailable();
    if (mail == null || mail.getHost() == null) {
      return Health.down().withDetail("error", "no mail server is configured (spring.mail.host)").build();
    }
    return reach(mail.getHost(), mail.getPort() > 0 ? mail.getPort() : 25);
  }

  static Health reach(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
      return Health.up().withDetail("server", host + ":" + port).build();
    } catch (IOException e) {
      return Health.down().withDetail("server", host + ":" + port)
          .withDetail("error", "cannot reach the SMTP server: " + e.getMessage()).build();
    }
  }
}
