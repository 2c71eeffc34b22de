package org.takedown.briefing;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.takedown.operation.Operation;

/** The evidence handover receipt: the shared sections, the unit and the items handed over. */
@Component
class HandoverReceiptModel implements DocumentModel {

  private final OperationSections sections;

  HandoverReceiptModel(OperationSections sections) {
    this.sections = sections;
  }

  @Override
  public DocumentKind kind() {
    return DocumentKind.HANDOVER_RECEIPT;
  }

  @Override
  public String country(VariableScope variables) {
    return (String) variables.getVariable("country");
  }

  @Override
  public Map<String, Object> build(Operation operation, VariableScope variables, Instant now) {
    Map<String, Object> model = sections.operation(kind(), operation, variables, now);
    model.putAll(sections.country(operation, country(variables), variables, now));
    return model;
  }
}
