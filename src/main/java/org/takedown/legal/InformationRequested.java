package org.takedown.legal;

/** The legal review asks the vendor a question; the vendor is told where to answer. */
public record InformationRequested(String processInstanceId, String reference, String question) {}
