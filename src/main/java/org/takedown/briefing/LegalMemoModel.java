package org.takedown.briefing;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.takedown.operation.Operation;

/** The legal review memo: the shared sections, the legal decision among them. */
@Component
class LegalMemoModel implements DocumentModel {

  private final OperationSections sections;

  LegalMemoModel(OperationSections sections) {
    this.sections = sections;
  }

  @Override
  public DocumentKind kind() {
    return DocumentKind.LEGAL_MEMO;
  }

  @Override
  public Map<String, Object> build(Operation operation, VariableScope variables, Instant now) {
    return sections.operation(kind(), operation, variables, now);
  }
}
