package org.takedown.briefing;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.takedown.operation.Operation;

/** The closure report: the shared sections, with the outcome. */
@Component
class ClosureReportModel implements DocumentModel {

  private final OperationSections sections;

  ClosureReportModel(OperationSections sections) {
    this.sections = sections;
  }

  @Override
  public DocumentKind kind() {
    return DocumentKind.CLOSURE_REPORT;
  }

  @Override
  public Map<String, Object> build(Operation operation, VariableScope variables, Instant now) {
    return sections.operation(kind(), operation, variables, now);
  }
}
