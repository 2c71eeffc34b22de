package org.takedown.system;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is acting on a task: the signed-in user, or else whoever claimed the task. */
public final class CurrentUser {

  private CurrentUser() {}

  public static String actingOn(DelegateTask task) {
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return task.getAssignee();
  }
}
