package org.takedown.tip;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.takedown.operation.Operation;

/** An {@link IntakeWarning} as kept with its tip and operation. Never changed; a merge copies it. */
@Entity
@Table(name = "intake_warning")
class IntakeWarningEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "operation_id")
  private Operation operation;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "tip_id")
  private Tip tip;

  @Column(name = "object_id", length = 300)
  private String objectId;

  @Column(length = 300)
  private String pointer;

  @Column(length = 100)
  private String property;

  @Column(nullable = false, length = 2000)
  private String message;

  @Column(nullable = false)
  private boolean taken;

  protected IntakeWarningEntry() {}

  IntakeWarningEntry(Operation operation, Tip tip, IntakeWarning w) {
    this.operation = operation;
    this.tip = tip;
    this.objectId = PatternIndicator.opening(w.objectId(), 300);
    this.pointer = PatternIndicator.opening(w.pointer(), 300);
    this.property = PatternIndicator.opening(w.property(), 100);
    this.message = PatternIndicator.opening(w.message(), 2000);
    this.taken = w.taken();
  }

  IntakeWarningEntry copyTo(Operation into) {
    IntakeWarningEntry copy = new IntakeWarningEntry();
    copy.operation = into;
    copy.tip = tip;
    copy.objectId = objectId;
    copy.pointer = pointer;
    copy.property = property;
    copy.message = message;
    copy.taken = taken;
    return copy;
  }

  IntakeWarning warning() {
    return new IntakeWarning(objectId, pointer, property, message, taken);
  }

  Tip getTip() {
    return tip;
  }
}
