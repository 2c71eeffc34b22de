package org.takedown.partner;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.takedown.operation.Operation;
import org.takedown.system.Language;

/** A unit's page for one operation and country, as issued to one address; see {@link UnitPages}. */
@Entity
@Table(name = "unit_page")
public class UnitPage {

  @Id
  @Column(length = 32)
  private String nonce;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "operation_id")
  private Operation operation;

  @Column(nullable = false, length = 2)
  private String country;

  @Column(nullable = false, length = 254)
  private String recipient;

  @Column(length = 3)
  private String language;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(nullable = false)
  private int views;

  @Column(name = "last_viewed_at")
  private Instant lastViewedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected UnitPage() {}

  UnitPage(String nonce, Operation operation, String country, String recipient, Language language, Instant now) {
    this.nonce = nonce;
    this.operation = operation;
    this.country = country;
    this.recipient = recipient;
    this.language = language.code();
    this.createdAt = now;
  }

  public String getNonce() {
    return nonce;
  }

  public Operation getOperation() {
    return operation;
  }

  public String getCountry() {
    return country;
  }

  public String getRecipient() {
    return recipient;
  }

  /** The language of the unit the page was issued to (its problems are told in it, even once reassigned). */
  public Language getLanguage() {
    return Language.of(language);
  }

  public int getViews() {
    return views;
  }

  public Instant getLastViewedAt() {
    return lastViewedAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }
}
