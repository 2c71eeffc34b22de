package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.EVIDENCE_ITEMS;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.system.ProcessJson;
import org.takedown.system.TaskInput;

/** Checks the package a coordinator prepared and stores it as a JSON list of item descriptions. */
@Component("evidencePackageListener")
class EvidencePackageListener implements TaskListener {

  static final int MAX_ITEMS = 500;
  static final int MAX_ITEM_LENGTH = 500;

  @Override
  public void notify(DelegateTask task) {
    List<String> items = TaskInput.parse(task, () -> ProcessJson.stringList(EVIDENCE_ITEMS, task.getVariable(EVIDENCE_ITEMS)));
    if (items.isEmpty() || items.stream().anyMatch(String::isBlank)) {
      throw TaskInput.invalid(task, EVIDENCE_ITEMS, "must list at least one item, each with a description");
    }
    if (items.size() > MAX_ITEMS || items.stream().anyMatch(i -> i.length() > MAX_ITEM_LENGTH)) {
      throw TaskInput.invalid(task, EVIDENCE_ITEMS, "may hold at most " + MAX_ITEMS + " items of at most " + MAX_ITEM_LENGTH + " characters");
    }
    if (items.stream().distinct().count() != items.size()) {
      throw TaskInput.invalid(task, EVIDENCE_ITEMS, "names an item twice; each item must be unique");
    }
    task.setVariable(EVIDENCE_ITEMS, ProcessJson.json(items));
  }
}
