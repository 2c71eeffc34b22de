package org.takedown.notice;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The default configuration's mail server: SMTP and IMAP on localhost, so notices are really sent
 * and any mail client can read them (user and password: the recipient's address). Setting
 * spring.mail.host to a real server switches it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
class EmbeddedMailServer {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);
  private static final long STARTUP_TIMEOUT_MILLIS = 15_000;

  @Bean(destroyMethod = "stop")
  GreenMail greenMail(@Value("${takedown.mail.embedded.smtp-port:3025}") int smtpPort,
      @Value("${takedown.mail.embedded.imap-port:3143}") int imapPort) {
    ServerSetup smtp = new ServerSetup(port(smtpPort), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    ServerSetup imap = new ServerSetup(port(imapPort), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
    // GreenMail's 2 s were too short for a start on a busy 2-core machine (seen in CI): the application then failed to start.
    smtp.setServerStartupTimeout(STARTUP_TIMEOUT_MILLIS);
    imap.setServerStartupTimeout(STARTUP_TIMEOUT_MILLIS);
    GreenMail server = new GreenMail(new ServerSetup[] {smtp, imap});
    server.start();
    log.warn("Embedded mail server for the demo: SMTP on 127.0.0.1:{}, IMAP on 127.0.0.1:{}; set spring.mail.host for a real one",
        server.getSmtp().getPort(), server.getImap().getPort());
    return server;
  }

  @Bean
  JavaMailSenderImpl mailSender(GreenMail server) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(server.getSmtp().getPort());
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.connectiontimeout", "10000");
    properties.setProperty("mail.smtp.timeout", "10000");
    sender.setJavaMailProperties(properties);
    return sender;
  }

  /** 0 picks a free port once, so the server keeps its port across a stop and start. */
  private static int port(int configured) {
    if (configured != 0) {
      return configured;
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port for the embedded mail server", e);
    }
  }
}
