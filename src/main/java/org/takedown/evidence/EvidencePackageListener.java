package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.EVIDENCE_CHOICES;
import static org.takedown.evidence.EvidenceHandoverProcess.EVIDENCE_ITEMS;
import static org.takedown.evidence.EvidenceHandoverProcess.PACKAGED_BY;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.system.CurrentUser;
import org.takedown.system.ProcessJson;
import org.takedown.system.TaskInput;

/**
 * On create and on claim, lists the operation's register for the prepare form's checklist; on complete, checks that the package
 * names items of this operation's register ("E1") and records who prepared it, for the custody entries of its release.
 */
@Component("evidencePackageListener")
class EvidencePackageListener implements TaskListener {

  static final int MAX_ITEMS = 500;

  private final EvidenceHandover handover;

  EvidencePackageListener(EvidenceHandover handover) {
    this.handover = handover;
  }

  @Override
  public void notify(DelegateTask task) {
    String reference = task.getExecution().getProcessBusinessKey();
    if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
      task.setVariable(EVIDENCE_CHOICES, ProcessJson.json(handover.choices(reference)));
      return;
    }
    List<String> items = TaskInput.parse(task, () -> ProcessJson.stringList(EVIDENCE_ITEMS, task.getVariable(EVIDENCE_ITEMS)));
    if (items.isEmpty() || items.stream().anyMatch(String::isBlank)) {
      throw TaskInput.invalid(task, EVIDENCE_ITEMS, "must list at least one item of the evidence register");
    }
    if (items.size() > MAX_ITEMS) {
      throw TaskInput.invalid(task, EVIDENCE_ITEMS, "may hold at most " + MAX_ITEMS + " items");
    }
    List<String> labels = new ArrayList<>();
    for (String item : items) {
      String label = handover.item(reference, item).map(EvidenceItem::label).orElseThrow(() -> TaskInput.invalid(task, EVIDENCE_ITEMS,
          "name '" + shorten(item) + "', which is not an item of this operation's evidence register",
          "'" + shorten(item) + "' is not an item of this operation's evidence register: choose items such as E1 from the register."));
      if (labels.contains(label)) {
        throw TaskInput.invalid(task, EVIDENCE_ITEMS, "names " + label + " twice; each item must be unique");
      }
      labels.add(label);
    }
    String coordinator = CurrentUser.actingOn(task);
    if (coordinator == null) {
      throw TaskInput.invalid(task, EVIDENCE_ITEMS, "need a named coordinator: sign in or claim the task first",
          "Claim the task first: the custody record names the coordinator who prepared the package.");
    }
    task.setVariable(EVIDENCE_ITEMS, ProcessJson.json(labels));
    task.setVariable(PACKAGED_BY, coordinator);
  }

  private static String shorten(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }
}
