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

/** An observable from a tip; the normalised value is what correlation between operations matches on. */
@Entity
@Table(name = "indicator")
public class Indicator {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "operation_id")
  private Operation operation;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "tip_id")
  private Tip tip;

  @Column(nullable = false, length = 32)
  private String type;

  @Column(name = "indicator_value", nullable = false, length = 2048)
  private String value;

  @Column(name = "normalized_value", nullable = false, length = 2048)
  private String normalizedValue;

  protected Indicator() {}

  Indicator(Operation operation, Tip tip, IndicatorType type, String value, String normalizedValue) {
    this.operation = operation;
    this.tip = tip;
    this.type = type.id();
    this.value = value;
    this.normalizedValue = normalizedValue;
  }

  public Long getId() {
    return id;
  }

  public Operation getOperation() {
    return operation;
  }

  public Tip getTip() {
    return tip;
  }

  public String getType() {
    return type;
  }

  public String getValue() {
    return value;
  }

  public String getNormalizedValue() {
    return normalizedValue;
  }
}
