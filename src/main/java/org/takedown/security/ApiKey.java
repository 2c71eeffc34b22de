package org.takedown.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A vendor's key for machine-to-machine intake. Revoked, never deleted, so the audit trail stays whole. */
@Entity
@Table(name = "api_key")
public class ApiKey {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100)
  private String vendor;

  @Column(nullable = false, length = 200)
  private String label;

  @Column(nullable = false, unique = true, length = 16)
  private String prefix;

  @Column(name = "key_sha256", nullable = false, length = 64)
  private String keySha256;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, length = 100)
  private String createdBy;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoked_by", length = 100)
  private String revokedBy;

  protected ApiKey() {}

  ApiKey(String vendor, String label, String prefix, String keySha256, String createdBy, Instant now) {
    this.vendor = vendor;
    this.label = label;
    this.prefix = prefix;
    this.keySha256 = keySha256;
    this.createdBy = createdBy;
    this.createdAt = now;
  }

  void revoke(String by, Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
      revokedBy = by;
    }
  }

  public boolean isActive() {
    return revokedAt == null;
  }

  public Long getId() {
    return id;
  }

  public String getVendor() {
    return vendor;
  }

  public String getLabel() {
    return label;
  }

  public String getPrefix() {
    return prefix;
  }

  String getKeySha256() {
    return keySha256;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public String getRevokedBy() {
    return revokedBy;
  }
}
