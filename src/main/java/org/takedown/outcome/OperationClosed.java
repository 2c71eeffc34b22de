package org.takedown.outcome;

import org.takedown.system.Tlp;

/** The operation is closed with its outcome; the vendor, the coordinators and every accepting unit are told. */
public record OperationClosed(String processInstanceId, String reference, Tlp releaseTlp) {}
