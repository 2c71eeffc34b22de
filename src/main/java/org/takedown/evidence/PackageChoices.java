package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.EVIDENCE_CHOICES;
import static org.takedown.evidence.EvidenceHandoverProcess.TASK_PREPARE_EVIDENCE_PACKAGE;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.takedown.system.ProcessJson;

/**
 * Brings the checklist of every open "Prepare evidence package" task up to date when an item is registered, so a
 * coordinator who opens the task sees the new item: Tasklist does not read the task's variables again on claim.
 */
@Component
class PackageChoices {

  private final TaskService tasks;
  private final EvidenceHandover handover;

  PackageChoices(TaskService tasks, EvidenceHandover handover) {
    this.tasks = tasks;
    this.handover = handover;
  }

  @EventListener
  void registered(EvidenceRegistered event) {
    var open = tasks.createTaskQuery().processInstanceBusinessKey(event.reference()).taskDefinitionKey(TASK_PREPARE_EVIDENCE_PACKAGE).list();
    if (open.isEmpty()) {
      return;
    }
    var choices = ProcessJson.json(handover.choices(event.reference()));
    for (Task task : open) {
      tasks.setVariable(task.getId(), EVIDENCE_CHOICES, choices);
    }
  }
}
