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
import jakarta.persistence.Version;
import java.time.Instant;
import org.takedown.operation.Operation;
import org.takedown.system.Tlp;

/**
 * One item of an operation's evidence register. Its facts never change after registration (every custody entry's
 * hash covers them); only the custody head, length and status move as entries are appended.
 */
@Entity
@Table(name = "evidence_item")
public class EvidenceItem {

  /** The hash before an item's first custody entry. */
  public static final String GENESIS = "0".repeat(64);

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "operation_id", updatable = false)
  private Operation operation;

  @Column(name = "item_number", nullable = false, updatable = false)
  private int number;

  @Column(nullable = false, length = 64, updatable = false)
  private String sha256;

  @Column(name = "size_bytes", nullable = false, updatable = false)
  private long sizeBytes;

  /** True when the file is in the content-addressed store; false for an item registered by reference. */
  @Column(nullable = false, updatable = false)
  private boolean stored;

  @Column(name = "external_location", length = 2000, updatable = false)
  private String externalLocation;

  @Column(name = "original_name", length = 255, updatable = false)
  private String originalName;

  @Column(nullable = false, length = 1000, updatable = false)
  private String description;

  @Enumerated(EnumType.STRING)
  @Column(name = "item_type", nullable = false, length = 32, updatable = false)
  private EvidenceType type;

  @Column(nullable = false, length = 20, updatable = false)
  private Tlp tlp;

  @Column(name = "collected_by", nullable = false, length = 200, updatable = false)
  private String collectedBy;

  @Column(name = "collected_at", nullable = false, updatable = false)
  private Instant collectedAt;

  @Column(nullable = false, length = 500, updatable = false)
  private String source;

  @Column(name = "registered_by", nullable = false, length = 100, updatable = false)
  private String registeredBy;

  @Column(name = "registered_at", nullable = false, updatable = false)
  private Instant registeredAt;

  @Column(name = "custody_head", nullable = false, length = 64)
  private String custodyHead = GENESIS;

  @Column(name = "custody_length", nullable = false)
  private int custodyLength;

  @Enumerated(EnumType.STRING)
  @Column(name = "custody_status", nullable = false, length = 20)
  private CustodyStatus custodyStatus = CustodyStatus.IN_CUSTODY;

  @Version
  private long version;

  protected EvidenceItem() {}

  EvidenceItem(Operation operation, int number, EvidenceFacts facts, String sha256, long sizeBytes, boolean stored,
      String externalLocation, String originalName, String registeredBy, Instant registeredAt) {
    this.operation = operation;
    this.number = number;
    this.sha256 = sha256;
    this.sizeBytes = sizeBytes;
    this.stored = stored;
    this.externalLocation = externalLocation;
    this.originalName = originalName;
    this.description = facts.description();
    this.type = facts.type();
    this.tlp = facts.tlp();
    this.collectedBy = facts.collectedBy();
    this.collectedAt = facts.collectedAt();
    this.source = facts.source();
    this.registeredBy = registeredBy;
    this.registeredAt = registeredAt;
  }

  void appended(CustodyEvent entry, CustodyStatus status) {
    this.custodyHead = entry.getEntryHash();
    this.custodyLength = entry.getSeq();
    this.custodyStatus = status;
  }

  /** "E3": how documents, mails and pages name the item within its operation. */
  public String label() {
    return "E" + number;
  }

  public Long getId() { return id; }
  public Operation getOperation() { return operation; }
  public String getOperationReference() { return operation.getReference(); }
  public int getNumber() { return number; }
  public String getSha256() { return sha256; }
  public long getSizeBytes() { return sizeBytes; }
  public boolean isStored() { return stored; }
  public String getExternalLocation() { return externalLocation; }
  public String getOriginalName() { return originalName; }
  public String getDescription() { return description; }
  public EvidenceType getType() { return type; }
  public Tlp getTlp() { return tlp; }
  public String getCollectedBy() { return collectedBy; }
  public Instant getCollectedAt() { return collectedAt; }
  public String getSource() { return source; }
  public String getRegisteredBy() { return registeredBy; }
  public Instant getRegisteredAt() { return registeredAt; }
  public String getCustodyHead() { return custodyHead; }
  public int getCustodyLength() { return custodyLength; }
  public CustodyStatus getCustodyStatus() { return custodyStatus; }
}
