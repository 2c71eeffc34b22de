package org.takedown.notice;

import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * SMTP connections kept open between notices. Opening one costs the TCP and TLS handshakes, the
 * greeting, EHLO and the sign-in, several round trips, for every mail otherwise. An idle connection
 * is used again only while it is younger than {@code takedown.mail.keep-open} and still answers a
 * NOOP; one that failed is closed, never used again.
 */
@Component
class SmtpConnections {

  private final JavaMailSenderImpl mail;
  private final long keepOpenNanos;
  private final int maxIdle;
  /** Idle connections, the most recently used first. */
  private final Deque<Idle> idle = new ArrayDeque<>();

  private record Idle(Transport transport, long since) {
  }

  SmtpConnections(JavaMailSenderImpl mail, @Value("${takedown.mail.keep-open:PT30S}") Duration keepOpen,
      @Value("${takedown.mail.idle-connections:4}") int maxIdle) {
    this.mail = mail;
    this.keepOpenNanos = keepOpen.toNanos();
    this.maxIdle = maxIdle;
  }

  /** Sends a prepared message (saved, with its Message-ID); a failure is a {@link MailSendException}. */
  void send(MimeMessage message) {
    Transport transport = take();
    try {
      transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException | RuntimeException e) {
      close(transport);
      throw new MailSendException("Failed to send the mail: " + e.getMessage(), e);
    }
    giveBack(transport);
  }

  private Transport take() {
    Idle candidate;
    while ((candidate = poll()) != null) {
      if (System.nanoTime() - candidate.since() < keepOpenNanos && candidate.transport().isConnected()) { // isConnected: NOOP
        return candidate.transport();
      }
      close(candidate.transport());
    }
    try {
      Transport transport = mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
      // as JavaMailSenderImpl does: an empty user name means no sign-in
      boolean signIn = mail.getUsername() != null && !mail.getUsername().isEmpty();
      transport.connect(mail.getHost(), mail.getPort(), signIn ? mail.getUsername() : null, signIn ? mail.getPassword() : null);
      return transport;
    } catch (MessagingException e) {
      throw new MailSendException("Mail server connection failed: " + e.getMessage(), e);
    }
  }

  private synchronized Idle poll() {
    return idle.pollFirst();
  }

  private void giveBack(Transport transport) {
    List<Idle> stale = new ArrayList<>();
    synchronized (this) {
      if (keepOpenNanos > 0) {
        idle.addFirst(new Idle(transport, System.nanoTime()));
        transport = null;
      }
      // the least recently used beyond the limit, and any that has waited too long
      while (idle.size() > maxIdle || (!idle.isEmpty() && System.nanoTime() - idle.peekLast().since() >= keepOpenNanos)) {
        stale.add(idle.pollLast());
      }
    }
    if (transport != null) {
      close(transport);
    }
    stale.forEach(s -> close(s.transport()));
  }

  @PreDestroy
  synchronized void closeAll() {
    idle.forEach(s -> close(s.transport()));
    idle.clear();
  }

  private static void close(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException | RuntimeException e) {
      // already broken: nothing to hand back
    }
  }
}
