package org.takedown.organisation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A security vendor as the fusion centre deals with it: its tips, API keys and answers belong to the organisation, and
 * every surface names it by its display name, never by one of its analysts' user names. Its members are the engine
 * group vendor-&lt;id&gt;.
 */
@Entity
@Table(name = "vendor_organisation")
public class VendorOrganisation {

  @Id
  @Column(length = 40)
  private String id;

  @Column(name = "display_name", nullable = false, length = 200)
  private String displayName;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, length = 100)
  private String createdBy;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  private long version;

  protected VendorOrganisation() {}

  VendorOrganisation(String id, String displayName, String createdBy, Instant now) {
    this.id = id;
    this.displayName = displayName;
    this.createdBy = createdBy;
    this.createdAt = now;
    this.updatedAt = now;
  }

  void rename(String displayName, Instant now) {
    this.displayName = displayName;
    this.updatedAt = now;
  }

  public String getId() {
    return id;
  }

  public String getDisplayName() {
    return displayName;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
