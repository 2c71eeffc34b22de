package org.takedown.evidence;

import java.time.Instant;
import org.takedown.system.Tlp;

/** What the person registering an item says about it; checked by the register before anything is stored. */
public record EvidenceFacts(String description, EvidenceType type, Tlp tlp, String collectedBy, Instant collectedAt, String source) {}
