package org.takedown.notice;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.takedown.briefing.Document;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends recorded notices. Each notice is locked, sent and marked sent in a transaction of its own,
 * so a retried job never sends a notice that has already gone out, even when a later notice of the
 * same job fails; a failure is recorded (attempts, error) and rethrown, so the job retries and then
 * becomes an incident.
 */
@Component
class NoticeDelivery {

  private static final Logger log = LoggerFactory.getLogger(NoticeDelivery.class);

  static {
    // Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader, across every jar, for each
    // multipart it makes (jakartaee/mail-api#699): half of a notice's processor time. Named, it is one class lookup.
    if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
      System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private final NoticeRepository notices;
  private final JavaMailSenderImpl mail;
  private final SmtpConnections connections;
  private final TransactionTemplate own;
  private final Clock clock;
  private final String from;

  NoticeDelivery(NoticeRepository notices, JavaMailSenderImpl mail, SmtpConnections connections, PlatformTransactionManager transactions,
      Clock clock, @Value("${takedown.mail.from:Takedown <takedown@takedown.example>}") String from) {
    this.notices = notices;
    this.mail = mail;
    this.connections = connections;
    this.clock = clock;
    this.from = from;
    this.own = new TransactionTemplate(transactions);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Delivers the pending notices a process instance has recorded. */
  void deliverPending(String processInstanceId) {
    for (Long id : notices.pendingIds(processInstanceId)) {
      deliver(id);
    }
  }

  /** Digests of this kind that could not be sent at their run, tried again (each at most once per run). */
  void deliverPendingDigests(NoticeKind kind) {
    for (Long id : notices.pendingDigests(kind)) {
      try {
        deliver(id);
      } catch (RuntimeException e) {
        log.warn("Digest notice {} still could not be sent; it stays pending", id);
      }
    }
  }

  void deliver(long id) {
    try {
      own.executeWithoutResult(status -> {
        Notice notice = notices.lock(id).orElseThrow();
        if (notice.getStatus() != Notice.Status.PENDING) {
          return;
        }
        notice.attempt();
        connections.send(message(notice));
        notice.sent(clock.instant());
        log.info("{} {} sent to {} ({})", notice.getOperation() == null ? notice.getDigest() : notice.getOperation().getReference(), notice.getKind(), notice.getRecipient(), notice.getMessageId());
      });
    } catch (RuntimeException e) {
      own.executeWithoutResult(status -> notices.lock(id).filter(n -> n.getStatus() == Notice.Status.PENDING).ifPresent(n -> {
        n.attempt();
        n.failed(e.getMessage());
      }));
      throw e;
    }
  }

  private MimeMessage message(Notice notice) {
    try {
      // The sender's own kind of message shares one MIME type map; a plain MimeMessage makes the helper load a new one.
      MimeMessage message = mail.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
      helper.setFrom(from);
      helper.setTo(notice.getRecipient());
      helper.setSubject(notice.getSubject());
      helper.setText(notice.getBodyText(), notice.getBodyHtml());
      for (Document attachment : notice.getAttachments()) {
        helper.addAttachment(attachment.getFileName(), new ByteArrayResource(attachment.getContent()), attachment.getContentType());
      }
      message.setHeader("Auto-Submitted", "auto-generated");
      message.setHeader("X-Takedown-Notice", notice.getKind().name());
      message.setSentDate(Date.from(clock.instant()));
      message.saveChanges();
      // The Message-ID is the notice's own, so a repeated delivery can be recognised as the same mail.
      message.setHeader("Message-ID", notice.getMessageId());
      return message;
    } catch (MessagingException e) {
      throw new MailSendException("Cannot build notice " + notice.getId() + ": " + e.getMessage(), e);
    }
  }
}
