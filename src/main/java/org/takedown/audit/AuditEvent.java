package org.takedown.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One state-changing request to the product's API, Camunda's REST API, the pages or an emailed link: who, what,
 * when, on which operation, and how it ended. Written before the action is taken (status 0, STARTED), then
 * completed with the answer's status.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(nullable = false, length = 100)
  private String actor;

  /** password, api-key or none. */
  @Column(nullable = false, length = 16)
  private String via;

  @Column(nullable = false, length = 300)
  private String action;

  @Column(length = 16)
  private String operation;

  @Column(nullable = false)
  private int status;

  /** STARTED (the action was let through; its answer not yet recorded), SUCCEEDED, REFUSED (4xx) or FAILED (5xx). */
  @Column(nullable = false, length = 16)
  private String outcome;

  protected AuditEvent() {}

  AuditEvent(Instant occurredAt, String actor, String via, String action, String operation, int status) {
    this.occurredAt = occurredAt;
    this.actor = actor;
    this.via = via;
    this.action = action.length() > 300 ? action.substring(0, 300) : action;
    this.operation = operation;
    this.status = status;
    this.outcome = outcome(status);
  }

  /** What a status says of the request; 0 is a request let through to its action and not yet answered. */
  static String outcome(int status) {
    return status == 0 ? "STARTED" : status >= 500 ? "FAILED" : status >= 400 ? "REFUSED" : "SUCCEEDED";
  }

  public Long getId() {
    return id;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public String getActor() {
    return actor;
  }

  public String getVia() {
    return via;
  }

  public String getAction() {
    return action;
  }

  public String getOperation() {
    return operation;
  }

  public int getStatus() {
    return status;
  }

  public String getOutcome() {
    return outcome;
  }
}
