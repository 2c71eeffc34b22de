package org.takedown.assignment;

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
import org.hibernate.annotations.Immutable;
import org.takedown.operation.Operation;

/** One answer of a national unit to its assignment request; kept when the country is reassigned. Never updated. */
@Entity
@Immutable
@Table(name = "unit_answer")
class UnitAnswer {

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

  @Column(length = 100)
  private String responder;

  @Column(nullable = false)
  private boolean accepted;

  @Column(length = 4000)
  private String note;

  @Column(name = "answered_at", nullable = false)
  private Instant answeredAt;

  protected UnitAnswer() {
  }

  UnitAnswer(CountryAssignment assignment) {
    this.operation = assignment.getOperation();
    this.country = assignment.getCountry();
    this.nationalUnit = assignment.getNationalUnit();
    this.responder = assignment.getResponder();
    this.accepted = assignment.getStatus() == AssignmentStatus.ACCEPTED;
    this.note = assignment.getResponseNote();
    this.answeredAt = assignment.getRespondedAt();
  }
}
