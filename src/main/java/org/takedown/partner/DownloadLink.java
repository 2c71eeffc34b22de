package org.takedown.partner;

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
import java.util.List;
import org.takedown.operation.Operation;
import org.takedown.system.ProcessJson;
import org.takedown.system.Tlp;

/**
 * An emailed link to one evidence package for one unit. Only the token's SHA-256 is kept. The first opening
 * claims it (used_at, used_from) and opens a download session for that browser, known by its own hashed token.
 */
@Entity
@Table(name = "download_link")
public class DownloadLink {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "token_hash", nullable = false, length = 64, updatable = false)
  private String tokenHash;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "operation_id", updatable = false)
  private Operation operation;

  @Column(name = "process_instance_id", nullable = false, length = 64, updatable = false)
  private String processInstanceId;

  @Column(nullable = false, length = 2, updatable = false)
  private String country;

  @Column(name = "national_unit", length = 200, updatable = false)
  private String nationalUnit;

  @Column(nullable = false, length = 254, updatable = false)
  private String recipient;

  @Column(nullable = false, length = 20, updatable = false)
  private Tlp tlp;

  @Column(name = "item_labels", nullable = false, length = 300000, updatable = false)
  private String itemLabels;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  @Column(name = "used_from", length = 100)
  private String usedFrom;

  @Column(name = "session_hash", length = 64)
  private String sessionHash;

  @Column(name = "session_expires_at")
  private Instant sessionExpiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected DownloadLink() {}

  DownloadLink(String tokenHash, Operation operation, String processInstanceId, String country, String nationalUnit, String recipient,
      Tlp tlp, List<String> items, Instant now, Instant expiresAt) {
    this.tokenHash = tokenHash;
    this.operation = operation;
    this.processInstanceId = processInstanceId;
    this.country = country;
    this.nationalUnit = nationalUnit;
    this.recipient = recipient;
    this.tlp = tlp;
    this.itemLabels = ProcessJson.write(items);
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  public Long getId() { return id; }
  public Operation getOperation() { return operation; }
  public String getReference() { return operation.getReference(); }
  public String getProcessInstanceId() { return processInstanceId; }
  public String getCountry() { return country; }
  public String getNationalUnit() { return nationalUnit; }
  public String getRecipient() { return recipient; }
  public Tlp getTlp() { return tlp; }
  public List<String> getItemLabels() { return ProcessJson.stringList("itemLabels", itemLabels); }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getExpiresAt() { return expiresAt; }
  public Instant getUsedAt() { return usedAt; }
  public String getUsedFrom() { return usedFrom; }
  public Instant getSessionExpiresAt() { return sessionExpiresAt; }
  public Instant getRevokedAt() { return revokedAt; }
  String getSessionHash() { return sessionHash; }
}
