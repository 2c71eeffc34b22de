package org.takedown.tip;

import jakarta.persistence.Basic;
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

/** A STIX bundle exactly as received (bytes and SHA-256); its id and hash recognise a re-post. Never changed. */
@Entity
@Table(name = "stix_bundle")
public class StixBundleRecord {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "operation_id")
  private Operation operation;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "tip_id")
  private Tip tip;

  @Column(nullable = false, length = 100)
  private String vendor;

  @Column(name = "bundle_id", nullable = false, length = 100)
  private String bundleId;

  @Column(name = "spec_version", nullable = false, length = 8)
  private String specVersion;

  @Column(nullable = false, length = 64)
  private String sha256;

  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;

  // bytea on PostgreSQL, blob on H2 (db/vendor/postgresql/V0_1), never a large-object oid
  @JdbcTypeCode(SqlTypes.LONG32VARBINARY)
  @Basic(fetch = FetchType.LAZY)
  @Column(nullable = false, columnDefinition = "blob")
  private byte[] content;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  protected StixBundleRecord() {}

  StixBundleRecord(Operation operation, Tip tip, String vendor, String bundleId, String specVersion, String sha256, byte[] content,
      Instant receivedAt) {
    this.operation = operation;
    this.tip = tip;
    this.vendor = vendor;
    this.bundleId = bundleId;
    this.specVersion = specVersion;
    this.sha256 = sha256;
    this.sizeBytes = content.length;
    this.content = content;
    this.receivedAt = receivedAt;
  }

  public Long getId() {
    return id;
  }

  public Operation getOperation() {
    return operation;
  }

  public String getBundleId() {
    return bundleId;
  }

  public String getSpecVersion() {
    return specVersion;
  }

  public String getSha256() {
    return sha256;
  }

  public long getSizeBytes() {
    return sizeBytes;
  }

  public byte[] getContent() {
    return content;
  }

  public Instant getReceivedAt() {
    return receivedAt;
  }
}
