package org.takedown.operation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Last operation number issued per year, so references are OP-2026-0001, -0002, … without gaps from retries. */
@Entity
@Table(name = "reference_counter")
class ReferenceCounter {

  @Id
  @Column(name = "counter_year")
  private int year;

  @Column(name = "last_number", nullable = false)
  private int lastNumber;

  protected ReferenceCounter() {}

  int next() {
    return ++lastNumber;
  }
}
