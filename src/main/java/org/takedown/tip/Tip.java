package org.takedown.tip;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.takedown.operation.Operation;

/** A tip exactly as the vendor sent it, with the SHA-256 of those bytes; never changed afterwards. */
@Entity
@Table(name = "tip")
public class Tip {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "operation_id")
  private Operation operation;

  // text on PostgreSQL, clob on H2 (db/vendor/postgresql/V0_1), never a large-object oid
  @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
  @Column(nullable = false, columnDefinition = "clob")
  private String payload;

  @Column(name = "payload_sha256", nullable = false, length = 64)
  private String payloadSha256;

  @Column(name = "content_type", nullable = false, length = 100)
  private String contentType;

  @Column(nullable = false, length = 100)
  private String submitter;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  @Column(name = "acknowledged_at")
  private Instant acknowledgedAt;

  protected Tip() {}

  Tip(Operation operation, String payload, String payloadSha256, String contentType, String submitter, Instant receivedAt) {
    this.operation = operation;
    this.payload = payload;
    this.payloadSha256 = payloadSha256;
    this.contentType = contentType;
    this.submitter = submitter;
    this.receivedAt = receivedAt;
  }

  public Long getId() {
    return id;
  }

  public Operation getOperation() {
    return operation;
  }

  public String getPayload() {
    return payload;
  }

  public String getPayloadSha256() {
    return payloadSha256;
  }

  public String getContentType() {
    return contentType;
  }

  public String getSubmitter() {
    return submitter;
  }

  public Instant getReceivedAt() {
    return receivedAt;
  }

  public Instant getAcknowledgedAt() {
    return acknowledgedAt;
  }
}
