package org.takedown.briefing;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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
import org.takedown.system.Tlp;

/** One version of a generated document, with the SHA-256 of its bytes; never changed or deleted. */
@Entity
@Table(name = "document")
public class Document {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "operation_id")
  private Operation operation;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32)
  private DocumentKind kind;

  @Column(length = 2)
  private String country;

  @Column(nullable = false)
  private int version;

  @Column(name = "file_name", nullable = false, length = 200)
  private String fileName;

  @Column(name = "content_type", nullable = false, length = 100)
  private String contentType;

  @Column(nullable = false, length = 20)
  private Tlp tlp;

  @Column(nullable = false, length = 64)
  private String sha256;

  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;

  // bytea on PostgreSQL, blob on H2 (db/vendor/postgresql/V0_1), never a large-object oid
  @JdbcTypeCode(SqlTypes.LONG32VARBINARY)
  @Basic(fetch = FetchType.LAZY)
  @Column(nullable = false, columnDefinition = "blob")
  private byte[] content;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Document() {}

  Document(Operation operation, DocumentKind kind, String country, int version, String fileName, String contentType, Tlp tlp,
      String sha256, byte[] content, Instant now) {
    this.operation = operation;
    this.kind = kind;
    this.country = country;
    this.version = version;
    this.fileName = fileName;
    this.contentType = contentType;
    this.tlp = tlp;
    this.sha256 = sha256;
    this.sizeBytes = content.length;
    this.content = content;
    this.createdAt = now;
  }

  public Long getId() {
    return id;
  }

  public Operation getOperation() {
    return operation;
  }

  public DocumentKind getKind() {
    return kind;
  }

  public String getCountry() {
    return country;
  }

  public int getVersion() {
    return version;
  }

  public String getFileName() {
    return fileName;
  }

  public String getContentType() {
    return contentType;
  }

  public Tlp getTlp() {
    return tlp;
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

  public Instant getCreatedAt() {
    return createdAt;
  }
}
