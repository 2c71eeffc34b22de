package org.takedown.taxii;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The status of one add to the inbound collection, kept so that a client can poll it after the add. Never changed. */
@Entity
@Table(name = "taxii_status")
class TaxiiStatus {

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "requested_by", nullable = false, length = 100)
  private String requestedBy;

  @Column(name = "request_timestamp", nullable = false)
  private Instant requestTimestamp;

  @Column(name = "operation_ref", length = 32)
  private String operationReference;

  @Column(name = "total_count", nullable = false)
  private int totalCount;

  @Column(name = "success_count", nullable = false)
  private int successCount;

  @Column(name = "failure_count", nullable = false)
  private int failureCount;

  @Column(name = "pending_count", nullable = false)
  private int pendingCount;

  /** {"successes": [...], "failures": [...], "pendings": [...]} of TAXII status-details. */
  // text on PostgreSQL, clob on H2 (db/vendor/postgresql/V0_1), never a large-object oid
  @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
  @Column(nullable = false, columnDefinition = "clob")
  private String details;

  protected TaxiiStatus() {}

  TaxiiStatus(String id, String requestedBy, Instant requestTimestamp, String operationReference, int successCount, int failureCount,
      int pendingCount, String details) {
    this.id = id;
    this.requestedBy = requestedBy;
    this.requestTimestamp = requestTimestamp;
    this.operationReference = operationReference;
    this.totalCount = successCount + failureCount + pendingCount;
    this.successCount = successCount;
    this.failureCount = failureCount;
    this.pendingCount = pendingCount;
    this.details = details;
  }

  String getId() {
    return id;
  }

  String getRequestedBy() {
    return requestedBy;
  }

  Instant getRequestTimestamp() {
    return requestTimestamp;
  }

  String getOperationReference() {
    return operationReference;
  }

  int getTotalCount() {
    return totalCount;
  }

  int getSuccessCount() {
    return successCount;
  }

  int getFailureCount() {
    return failureCount;
  }

  int getPendingCount() {
    return pendingCount;
  }

  String getDetails() {
    return details;
  }
}
