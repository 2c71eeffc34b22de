package org.takedown.operation;

/**
 * Published in the transaction that receives a vendor's withdrawal, after the stage has become
 * WITHDRAWN: whatever still waits on the operation (notices, information requests, action links)
 * is closed in that same transaction.
 */
public record OperationWithdrawn(String reference) {}
