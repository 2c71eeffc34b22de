package org.takedown.briefing;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.takedown.operation.Operation;

/** The operation briefing: the shared sections of the operation. */
@Component
class OperationBriefingModel implements DocumentModel {

  private final OperationSections sections;

  OperationBriefingModel(OperationSections sections) {
    this.sections = sections;
  }

  @Override
  public DocumentKind kind() {
    return DocumentKind.OPERATION_BRIEFING;
  }

  @Override
  public Map<String, Object> build(Operation operation, VariableScope variables, Instant now) {
    return sections.operation(kind(), operation, variables, now);
  }
}
