package org.takedown.notice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.takedown.briefing.Document;
import org.takedown.operation.Operation;
import org.takedown.system.Tlp;

/** One email to one recipient, kept after sending as the record of what was said to whom. */
@Entity
@Table(name = "notice")
public class Notice {

  /** CANCELLED: the operation was withdrawn before the notice went out; it never will. */
  public enum Status { PENDING, SENT, CANCELLED }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  /** Null for a digest, which spans operations. */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "operation_id")
  private Operation operation;

  @Column(name = "process_instance_id", length = 64)
  private String processInstanceId;

  /** Which digest (kind, country, period) a digest notice is, recorded once per recipient; null for the others. */
  @Column(length = 64)
  private String digest;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32)
  private NoticeKind kind;

  @Column(nullable = false, length = 254)
  private String recipient;

  @Column(nullable = false, length = 20)
  private Tlp tlp;

  @Column(nullable = false, length = 300)
  private String subject;

  // text on PostgreSQL, clob on H2 (db/vendor/postgresql/V0_1), never a large-object oid
  @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
  @Column(name = "body_text", nullable = false, columnDefinition = "clob")
  private String bodyText;

  @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
  @Column(name = "body_html", nullable = false, columnDefinition = "clob")
  private String bodyHtml;

  /** Fixed when recorded, so a resent message can be recognised as the same one. */
  @Column(name = "message_id", nullable = false, unique = true, length = 200)
  private String messageId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 10)
  private Status status;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "last_error", length = 1000)
  private String lastError;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Column(name = "cancelled_at")
  private Instant cancelledAt;

  /** A document sent with the notice, never at TLP:RED. */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "attachment_document_id")
  private Document attachment;

  /** Further documents sent with it, in order (the unit's results list beside its brief); never at TLP:RED either. */
  @ManyToMany(fetch = FetchType.LAZY)
  @JoinTable(name = "notice_attachment", joinColumns = @JoinColumn(name = "notice_id"), inverseJoinColumns = @JoinColumn(name = "document_id"))
  @OrderColumn(name = "position")
  private List<Document> moreAttachments = new ArrayList<>();

  @Version
  private long version;

  protected Notice() {}

  Notice(Operation operation, String processInstanceId, NoticeKind kind, String recipient, Tlp tlp, String subject,
      String bodyText, String bodyHtml, String messageId, Document attachment, Instant now) {
    this.operation = operation;
    this.processInstanceId = processInstanceId;
    this.kind = kind;
    this.recipient = recipient;
    this.tlp = tlp;
    this.subject = subject;
    this.bodyText = bodyText;
    this.bodyHtml = bodyHtml;
    this.messageId = messageId;
    this.attachment = tlp == Tlp.RED ? null : attachment;
    this.status = Status.PENDING;
    this.createdAt = now;
  }

  /** A digest: about no one operation, sent at once rather than by a step of a model. */
  static Notice digest(String digest, NoticeKind kind, String recipient, Tlp tlp, String subject, String bodyText, String bodyHtml,
      String messageId, Instant now) {
    Notice notice = new Notice(null, null, kind, recipient, tlp, subject, bodyText, bodyHtml, messageId, null, now);
    notice.digest = digest;
    return notice;
  }

  void attempt() {
    attempts++;
  }

  void failed(String error) {
    lastError = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
  }

  void sent(Instant now) {
    status = Status.SENT;
    sentAt = now;
    lastError = null;
  }

  public Long getId() {
    return id;
  }

  public Operation getOperation() {
    return operation;
  }

  public String getDigest() {
    return digest;
  }

  public String getProcessInstanceId() {
    return processInstanceId;
  }

  public NoticeKind getKind() {
    return kind;
  }

  public String getRecipient() {
    return recipient;
  }

  public Tlp getTlp() {
    return tlp;
  }

  public String getSubject() {
    return subject;
  }

  public String getBodyText() {
    return bodyText;
  }

  public String getBodyHtml() {
    return bodyHtml;
  }

  public String getMessageId() {
    return messageId;
  }

  public Status getStatus() {
    return status;
  }

  public int getAttempts() {
    return attempts;
  }

  public String getLastError() {
    return lastError;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getSentAt() {
    return sentAt;
  }

  public Instant getCancelledAt() {
    return cancelledAt;
  }

  public Document getAttachment() {
    return attachment;
  }

  /** Every document sent with the notice: the first, then the others in order. */
  public List<Document> getAttachments() {
    List<Document> all = new ArrayList<>();
    if (attachment != null) {
      all.add(attachment);
    }
    all.addAll(moreAttachments);
    return all;
  }

  /** Adds a document after the first; none at TLP:RED. */
  void attach(Document document) {
    if (TlpPolicy.carriesAttachment(tlp) && document != null) {
      if (attachment == null) {
        attachment = document;
      } else {
        moreAttachments.add(document);
      }
    }
  }
}
