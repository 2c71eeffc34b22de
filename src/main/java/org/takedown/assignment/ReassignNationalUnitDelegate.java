package org.takedown.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.notice.NoticeKind;
import org.takedown.notice.Notices;

@Component("reassignNationalUnit")
class ReassignNationalUnitDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;
  private final Notices notices;

  ReassignNationalUnitDelegate(NationalAssignmentService assignments, Notices notices) {
    this.assignments = assignments;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    NationalAssignmentService.Asked asked = assignments.reassign(execution.getProcessBusinessKey(), (String) execution.getVariable("country"));
    UnitVariables.set(execution, asked);
    notices.assignmentRequest(execution, NoticeKind.ASSIGNMENT_REQUEST);
  }
}
