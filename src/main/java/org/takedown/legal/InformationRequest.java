package org.takedown.legal;

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
import org.takedown.operation.Operation;

/** A legal officer's question to the vendor, and the vendor's answer or its absence by the deadline. */
@Entity
@Table(name = "information_request")
public class InformationRequest {

  public enum Status { OPEN, ANSWERED, OVERDUE, WITHDRAWN }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "operation_id")
  private Operation operation;

  @Column(nullable = false, length = 4000)
  private String question;

  @Column(name = "requested_by", nullable = false, length = 100)
  private String requestedBy;

  @Column(name = "requested_at", nullable = false)
  private Instant requestedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 10)
  private Status status;

  @Column(length = 10000)
  private String answer;

  @Column(name = "closed_at")
  private Instant closedAt;

  protected InformationRequest() {}

  InformationRequest(Operation operation, String question, String requestedBy, Instant now) {
    this.operation = operation;
    this.question = question;
    this.requestedBy = requestedBy;
    this.requestedAt = now;
    this.status = Status.OPEN;
  }

  void answer(String text, Instant now) {
    this.answer = text;
    this.status = Status.ANSWERED;
    this.closedAt = now;
  }

  void overdue(Instant now) {
    this.status = Status.OVERDUE;
    this.closedAt = now;
  }

  void withdrawn(Instant now) {
    this.status = Status.WITHDRAWN;
    this.closedAt = now;
  }

  public Long getId() {
    return id;
  }

  public String getQuestion() {
    return question;
  }

  public String getRequestedBy() {
    return requestedBy;
  }

  public Instant getRequestedAt() {
    return requestedAt;
  }

  public Status getStatus() {
    return status;
  }

  public String getAnswer() {
    return answer;
  }

  public Instant getClosedAt() {
    return closedAt;
  }
}
