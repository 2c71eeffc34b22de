package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.takedown.AppProcess;

/** Mails share one SMTP connection while it is fresh and answers; a dropped one is replaced, never used to send. */
class SmtpConnectionsTest {

  private GreenMail server;
  private CountingProxy proxy;
  private JavaMailSenderImpl mail;

  @BeforeEach
  void start() throws IOException {
    server = new GreenMail(new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    proxy = new CountingProxy(server.getSmtp().getPort());
    mail = new JavaMailSenderImpl();
    mail.setHost("127.0.0.1");
    mail.setPort(proxy.port());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    server.stop();
  }

  private MimeMessage message(String subject) throws Exception {
    MimeMessage message = mail.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom("takedown@takedown.example");
    helper.setTo("so4@de.units.example");
    helper.setSubject(subject);
    helper.setText("text", "<p>html</p>");
    message.saveChanges();
    return message;
  }

  private List<String> received() throws Exception {
    return Arrays.stream(server.getReceivedMessages()).map(m -> {
      try {
        return m.getSubject();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  @Test
  void mailsShareAConnectionAndADroppedOneIsReplaced() throws Exception {
    SmtpConnections connections = new SmtpConnections(mail, Duration.ofSeconds(30), 4);
    connections.send(message("one"));
    connections.send(message("two"));
    connections.send(message("three"));
    assertThat(received()).containsExactly("one", "two", "three");
    assertThat(proxy.connections()).as("connections opened for three mails").isEqualTo(1);

    proxy.dropAll(); // as a server does with a connection idle too long
    connections.send(message("four"));
    assertThat(received()).containsExactly("one", "two", "three", "four");
    assertThat(proxy.connections()).as("connections opened once the first was dropped").isEqualTo(2);
    connections.closeAll();
  }

  @Test
  void withoutKeepingConnectionsOpenEveryMailHasItsOwn() throws Exception {
    SmtpConnections connections = new SmtpConnections(mail, Duration.ZERO, 4);
    connections.send(message("one"));
    connections.send(message("two"));
    assertThat(received()).containsExactly("one", "two");
    assertThat(proxy.connections()).isEqualTo(2);
  }

  @Test
  void aMailServerThatWantsASignInGetsTheConfiguredAccount() throws Exception {
    server.setUser("takedown@takedown.example", "takedown", "relay-secret");
    Properties auth = new Properties();
    auth.setProperty("mail.smtp.auth", "true");
    mail.setJavaMailProperties(auth);
    mail.setUsername("takedown");
    mail.setPassword("wrong");
    assertThatThrownBy(() -> new SmtpConnections(mail, Duration.ofSeconds(30), 4).send(message("refused")))
        .isInstanceOf(MailSendException.class).hasMessageContaining("Mail server connection failed");

    mail.setPassword("relay-secret");
    new SmtpConnections(mail, Duration.ofSeconds(30), 4).send(message("signed in"));
    assertThat(received()).containsExactly("signed in");
  }

  /** Forwards TCP connections to the mail server and counts them. */
  static final class CountingProxy implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0);
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    CountingProxy(int target) throws IOException {
      acceptor = new Thread(() -> {
        while (!listener.isClosed()) {
          try {
            Socket client = listener.accept();
            Socket upstream = new Socket("127.0.0.1", target);
            open.add(client);
            open.add(upstream);
            pipe(client, upstream);
            pipe(upstream, client);
          } catch (IOException e) {
            return;
          }
        }
      }, "smtp-proxy");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    int connections() {
      return open.size() / 2;
    }

    void dropAll() {
      open.forEach(socket -> {
        try {
          socket.close();
        } catch (IOException e) {
          // closing anyway
        }
      });
    }

    private static void pipe(Socket from, Socket to) {
      Thread thread = new Thread(() -> {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          in.transferTo(out);
        } catch (IOException e) {
          // the other side closed
        } finally {
          try {
            to.close();
          } catch (IOException e) {
            // already closed
          }
        }
      }, "smtp-proxy-pipe");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws IOException {
      dropAll();
      listener.close();
    }
  }
}
