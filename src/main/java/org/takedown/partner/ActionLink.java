package org.takedown.partner;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.takedown.operation.Operation;

/** An emailed link that completes one task of one process instance with one action, at most once. */
@Entity
@Table(name = "action_link")
public class ActionLink {

  @Id
  @Column(length = 32)
  private String nonce;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "operation_id")
  private Operation operation;

  @Column(name = "process_instance_id", nullable = false, length = 64)
  private String processInstanceId;

  @Column(name = "task_key", nullable = false, length = 64)
  private String taskKey;

  @Column(nullable = false, length = 24)
  private String action;

  @Column(nullable = false, length = 254)
  private String recipient;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected ActionLink() {}

  ActionLink(String nonce, Operation operation, String processInstanceId, String taskKey, PartnerAction action,
      String recipient, Instant now, Instant expiresAt) {
    this.nonce = nonce;
    this.operation = operation;
    this.processInstanceId = processInstanceId;
    this.taskKey = taskKey;
    this.action = action.name();
    this.recipient = recipient;
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  public String getNonce() {
    return nonce;
  }

  public Operation getOperation() {
    return operation;
  }

  public String getProcessInstanceId() {
    return processInstanceId;
  }

  public String getTaskKey() {
    return taskKey;
  }

  public PartnerAction getAction() {
    return PartnerAction.valueOf(action);
  }

  public String getRecipient() {
    return recipient;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getUsedAt() {
    return usedAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }
}
