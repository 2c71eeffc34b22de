package org.takedown.briefing;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.takedown.operation.Operation;

/** Builds the template model of one kind of Word document, from the operation and the step's variables. */
interface DocumentModel {

  DocumentKind kind();

  /** The country a per-country document is about (its own versions and file name), or null. */
  default String country(VariableScope variables) {
    return null;
  }

  /** The language the document is written in: a unit's in its own, the fusion centre's in English. */
  default org.takedown.system.Language language(Operation operation, VariableScope variables) {
    return org.takedown.system.Language.ENGLISH;
  }

  Map<String, Object> build(Operation operation, VariableScope variables, Instant now);
}
