package org.takedown.operation;

import org.takedown.system.Pap;
import org.takedown.system.Tlp;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.Formula;
import java.time.Instant;

/** A joint takedown operation; its reference is the business key of its process instance. */
@Entity
@Table(name = "operation")
public class Operation {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true, length = 16)
  private String reference;

  @Column(nullable = false, length = 200)
  private String title;

  @Column(length = 10000)
  private String summary;

  @Column(nullable = false, length = 20)
  private Tlp tlp;

  @Column(nullable = false, length = 12)
  private Pap pap;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 24)
  private Stage stage;

  @Column(nullable = false, length = 100)
  private String vendor;

  /** The vendor organisation's display name, read with the operation (the id where it is no organisation). */
  @Formula("(select vo.display_name from vendor_organisation vo where vo.id = vendor)")
  String vendorName;

  /** Contributions to it: 1 for its own tip, more once coordinators joined other vendors' tips as co-reports. */
  @Formula("(select count(*) from operation_contributor oc where oc.operation_id = id)")
  private Integer contributions;

  /** The vendor agreed to be named to the other vendors that co-report the same infrastructure (default no). */
  @Column(name = "named_to_co_reporters", nullable = false)
  boolean namedToCoReporters;

  /** The operation this tip was joined to as a co-report (stage JOINED). */
  @Column(name = "joined_to", length = 16)
  private String joinedTo;

  /** The vendor agreed to be named in the documents sent to national units. */
  @Column(nullable = false)
  boolean attribution;

  /** The TLP the legal decision released it at to national units; null before (units then read at {@link #tlp}). */
  @Column(name = "release_tlp", length = 20)
  private Tlp releaseTlp;

  @Column(name = "merged_into", length = 16)
  private String mergedInto;

  @Column(name = "outcome_summary", length = 4000)
  private String outcomeSummary;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  @Version
  private long version;

  protected Operation() {}

  public Operation(String reference, String title, String summary, Tlp tlp, Pap pap, String vendor, Instant now) {
    this.reference = reference;
    this.title = title;
    this.summary = summary;
    this.tlp = tlp;
    this.pap = pap;
    this.vendor = vendor;
    this.stage = Stage.TRIAGE;
    this.createdAt = now;
    this.updatedAt = now;
  }

  void moveTo(Stage next, Instant now) {
    this.stage = next;
    this.updatedAt = now;
    if (next.isFinal() && closedAt == null) {
      this.closedAt = now;
    }
  }

  void mergedInto(String target, Instant now) {
    this.mergedInto = target;
    this.updatedAt = now;
  }

  void release(Tlp tlp, Instant now) {
    this.releaseTlp = tlp;
    this.updatedAt = now;
  }

  void recordOutcome(String summary, Instant now) {
    this.outcomeSummary = summary;
    this.updatedAt = now;
  }

  public Long getId() {
    return id;
  }

  public String getReference() {
    return reference;
  }

  public String getTitle() {
    return title;
  }

  public String getSummary() {
    return summary;
  }

  public Tlp getTlp() {
    return tlp;
  }

  public Pap getPap() {
    return pap;
  }

  public Stage getStage() {
    return stage;
  }

  public String getVendor() {
    return vendor;
  }

  public boolean isAttribution() {
    return attribution;
  }

  public Tlp getReleaseTlp() {
    return releaseTlp;
  }

  /** The vendor as people read it: its organisation's display name. */
  public String getVendorName() {
    return vendorName != null ? vendorName : vendor;
  }

  /** Whether vendors other than its own contribute (co-reports): each vendor then reads its own indicators and what the others' TLP shares. */
  public boolean isCoReported() {
    return contributions != null && contributions > 1;
  }

  public boolean isNamedToCoReporters() {
    return namedToCoReporters;
  }

  public void setNamedToCoReporters(boolean namedToCoReporters) {
    this.namedToCoReporters = namedToCoReporters;
  }

  public String getJoinedTo() {
    return joinedTo;
  }

  void joinedTo(String reference, Instant now) {
    this.joinedTo = reference;
    this.updatedAt = now;
  }

  public String getMergedInto() {
    return mergedInto;
  }

  public String getOutcomeSummary() {
    return outcomeSummary;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Instant getClosedAt() {
    return closedAt;
  }
}
