package org.takedown.assignment;

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
import java.util.List;
import java.util.Map;
import org.takedown.operation.Operation;
import org.takedown.system.Language;
import org.takedown.system.ProcessJson;

/** One affected country of an operation: which national unit was asked, and how it answered. */
@Entity
@Table(name = "country_assignment")
public class CountryAssignment {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "operation_id")
  private Operation operation;

  @Column(nullable = false, length = 2)
  private String country;

  @Column(name = "national_unit", length = 200)
  private String nationalUnit;

  @Column(name = "unit_email", length = 254)
  private String unitEmail;

  /** The language of the unit asked (ISO 639), kept with it: what it is sent is in this language. */
  @Column(name = "unit_language", length = 3)
  private String unitLanguage;

  @Column(name = "alternate_unit_asked", nullable = false)
  private boolean alternateUnitAsked;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private AssignmentStatus status;

  @Column(length = 100)
  private String responder;

  @Column(name = "response_note", length = 4000)
  private String responseNote;

  @Column(nullable = false)
  private int reminders;

  @Enumerated(EnumType.STRING)
  @Column(name = "handover_status", length = 16)
  private HandoverStatus handoverStatus;

  /** JSON list of the register labels ("E1") of the package last handed over. */
  @Column(name = "evidence_items", length = 300000)
  private String evidenceItems;

  /** JSON map of item label to the SHA-256 the unit reported on receipt. */
  @Column(name = "reported_sha256", length = 300000)
  private String reportedSha256;

  @Column(name = "receipt_answered_at")
  private Instant receiptAnsweredAt;

  @Column(length = 4000)
  private String outcome;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "requested_at")
  private Instant requestedAt;

  @Column(name = "responded_at")
  private Instant respondedAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  private long version;

  protected CountryAssignment() {}

  CountryAssignment(Operation operation, String country, Instant now) {
    this.operation = operation;
    this.country = country;
    this.status = AssignmentStatus.PROPOSED;
    this.createdAt = now;
    this.updatedAt = now;
  }

  void propose(Instant now) {
    this.status = AssignmentStatus.PROPOSED;
    this.updatedAt = now;
  }

  void exclude(Instant now) {
    this.status = AssignmentStatus.EXCLUDED;
    this.updatedAt = now;
  }

  void request(NationalUnit unit, boolean alternate, Instant now) {
    this.nationalUnit = unit.name();
    this.unitEmail = unit.email();
    this.unitLanguage = unit.language().code();
    this.alternateUnitAsked = alternate;
    this.status = AssignmentStatus.REQUESTED;
    this.responder = null;
    this.responseNote = null;
    this.respondedAt = null;
    this.requestedAt = now;
    this.updatedAt = now;
  }

  void answer(boolean accepted, String responder, String note, Instant now) {
    this.status = accepted ? AssignmentStatus.ACCEPTED : AssignmentStatus.DECLINED;
    this.responder = responder;
    this.responseNote = note;
    this.respondedAt = now;
    this.updatedAt = now;
  }

  void markOverdue(Instant now) {
    this.status = AssignmentStatus.OVERDUE;
    this.updatedAt = now;
  }

  void drop(Instant now) {
    this.status = AssignmentStatus.DROPPED;
    this.updatedAt = now;
  }

  void remind(Instant now) {
    this.reminders++;
    this.updatedAt = now;
  }

  void handover(HandoverStatus next, Instant now) {
    this.handoverStatus = next;
    this.updatedAt = now;
  }

  void handOver(List<String> items, Instant now) {
    this.handoverStatus = HandoverStatus.HANDED_OVER;
    this.evidenceItems = ProcessJson.write(items);
    this.reportedSha256 = null;
    this.receiptAnsweredAt = null;
    this.updatedAt = now;
  }

  /** A confirmation whose hashes do not all match keeps the status until the quarantine step sets it. */
  void receipt(boolean received, Map<String, String> reported, boolean hashesMatch, Instant now) {
    if (hashesMatch || !received) {
      this.handoverStatus = received ? HandoverStatus.RECEIVED : HandoverStatus.NOT_RECEIVED;
    }
    this.reportedSha256 = received ? ProcessJson.write(reported) : null;
    this.receiptAnsweredAt = now;
    this.updatedAt = now;
  }

  void recordOutcome(String result, Instant now) {
    this.outcome = result;
    this.updatedAt = now;
  }

  public Long getId() {
    return id;
  }

  public Operation getOperation() {
    return operation;
  }

  public String getCountry() {
    return country;
  }

  /** The language of the unit asked; English for an assignment asked before units had one. */
  public Language getUnitLanguage() {
    return Language.of(unitLanguage);
  }

  public String getNationalUnit() {
    return nationalUnit;
  }

  public String getUnitEmail() {
    return unitEmail;
  }

  public boolean isAlternateUnitAsked() {
    return alternateUnitAsked;
  }

  public AssignmentStatus getStatus() {
    return status;
  }

  public String getResponder() {
    return responder;
  }

  public String getResponseNote() {
    return responseNote;
  }

  public int getReminders() {
    return reminders;
  }

  public HandoverStatus getHandoverStatus() {
    return handoverStatus;
  }

  /** The register labels ("E1") of the package last handed over, in the coordinator's order; empty before a handover. */
  public List<String> getEvidenceItems() {
    return evidenceItems == null ? List.of() : ProcessJson.stringList("evidenceItems", evidenceItems);
  }

  /** Item label to the SHA-256 the unit reported; empty until it confirmed receipt. */
  public Map<String, String> getReportedSha256() {
    return reportedSha256 == null ? Map.of() : ProcessJson.stringMap("reportedSha256", reportedSha256);
  }

  public Instant getReceiptAnsweredAt() {
    return receiptAnsweredAt;
  }

  public String getOutcome() {
    return outcome;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getRequestedAt() {
    return requestedAt;
  }

  public Instant getRespondedAt() {
    return respondedAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
