package org.takedown.tip;

/**
 * A tip was joined to operation {@code target} as a co-report: of its {@code indicators}, {@code alsoReported} were
 * reported by another contributor of the target too. Its vendor is told (with the coordinator's message, if any).
 */
public record TipJoined(String processInstanceId, String reference, String target, long indicators, long alsoReported,
    String vendorMessage) {}
