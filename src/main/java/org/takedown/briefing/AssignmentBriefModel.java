package org.takedown.briefing;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.takedown.operation.Operation;

/** The national assignment brief: the operation, and the unit asked to act on it. */
@Component
class AssignmentBriefModel implements DocumentModel {

  private final OperationSections sections;

  AssignmentBriefModel(OperationSections sections) {
    this.sections = sections;
  }

  @Override
  public DocumentKind kind() {
    return DocumentKind.ASSIGNMENT_BRIEF;
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
