package org.takedown.evidence;

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
import org.hibernate.annotations.Immutable;

/** One entry of an item's custody log. Immutable: written once by {@link CustodyLog}, never updated or deleted. */
@Entity
@Immutable
@Table(name = "custody_event")
public class CustodyEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "item_id")
  private EvidenceItem item;

  @Column(nullable = false)
  private int seq;

  @Enumerated(EnumType.STRING)
  @Column(name = "event_type", nullable = false, length = 20)
  private CustodyEventType type;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(nullable = false, length = 200)
  private String actor;

  @Column(name = "from_party", length = 300)
  private String fromParty;

  @Column(name = "to_party", length = 300)
  private String toParty;

  @Column(length = 1000)
  private String purpose;

  @Column(length = 300)
  private String location;

  @Column(length = 2)
  private String country;

  @Column(name = "reported_sha256", length = 64)
  private String reportedSha256;

  @Column(name = "hash_matches")
  private Boolean hashMatches;

  @Column(length = 2000)
  private String detail;

  @Column(name = "previous_hash", nullable = false, length = 64)
  private String previousHash;

  @Column(name = "entry_hash", nullable = false, length = 64)
  private String entryHash;

  /** The custody key's signature of the chain head this entry made ({@link CustodyHead#message}); null before signing began. */
  @Column(length = 200)
  private String signature;

  @Column(name = "key_id", length = 16)
  private String keyId;

  protected CustodyEvent() {}

  CustodyEvent(EvidenceItem item, int seq, CustodyEntry entry, Instant occurredAt, String previousHash) {
    this.item = item;
    this.seq = seq;
    this.type = entry.type();
    this.occurredAt = occurredAt;
    this.actor = entry.actor();
    this.fromParty = entry.from();
    this.toParty = entry.to();
    this.purpose = entry.purpose();
    this.location = entry.location();
    this.country = entry.country();
    this.reportedSha256 = entry.reportedSha256();
    this.hashMatches = entry.hashMatches();
    this.detail = entry.detail();
    this.previousHash = previousHash;
    this.entryHash = CustodyChain.hash(item, this);
  }

  /** Signs the head this entry makes, before it is saved (the entry is never updated afterwards). */
  CustodyEvent signedWith(CustodyKey key) {
    this.signature = key.sign(head().message());
    this.keyId = key.id();
    return this;
  }

  /** The chain head this entry makes, as published. */
  CustodyHead head() {
    return new CustodyHead(item.getOperationReference(), item.label(), seq, entryHash, occurredAt, signature, keyId, false);
  }

  public Long getId() { return id; }
  public EvidenceItem getItem() { return item; }
  public int getSeq() { return seq; }
  public CustodyEventType getType() { return type; }
  public Instant getOccurredAt() { return occurredAt; }
  public String getActor() { return actor; }
  public String getFromParty() { return fromParty; }
  public String getToParty() { return toParty; }
  public String getPurpose() { return purpose; }
  public String getLocation() { return location; }
  public String getCountry() { return country; }
  public String getReportedSha256() { return reportedSha256; }
  public Boolean getHashMatches() { return hashMatches; }
  public String getDetail() { return detail; }
  public String getPreviousHash() { return previousHash; }
  public String getEntryHash() { return entryHash; }
  public String getSignature() { return signature; }
  public String getKeyId() { return keyId; }
}
