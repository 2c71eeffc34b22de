package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class MailHealthTest {

  @Test
  void aReachableSmtpServerIsUp() throws IOException {
    try (ServerSocket smtp = new ServerSocket(0)) {
      Health health = MailHealth.reach("127.0.0.1", smtp.getLocalPort());
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("server", "127.0.0.1:" + smtp.getLocalPort());
    }
  }

  @Test
  void anUnreachableSmtpServerIsDownAndSaysWhy() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    Health health = MailHealth.reach("127.0.0.1", port);
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("server", "127.0.0.1:" + port);
    assertThat((String) health.getDetails().get("error")).startsWith("cannot reach the SMTP server: Connection refused");
  }
}
