package org.takedown.evidence;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.system.ProcessJson;
import org.takedown.system.TaskInput;

/** Records the unit's answer to a handover: received or not, and the hashes it computed per item. */
@Component("receiptListener")
class ReceiptListener implements TaskListener {

  private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

  private final NationalAssignmentService assignments;

  ReceiptListener(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  @Override
  public void notify(DelegateTask task) {
    Object confirmed = task.getVariable("receiptConfirmed");
    if (!(confirmed instanceof Boolean received)) {
      throw TaskInput.invalid(task, "receiptConfirmed", "must be the boolean true or false");
    }
    Map<String, String> hashes = TaskInput.parse(task, () -> ProcessJson.stringMap("reportedSha256", task.getVariable("reportedSha256")));
    Set<String> items = new HashSet<>(ProcessJson.stringList("evidenceItems", task.getVariable("evidenceItems")));
    for (Map.Entry<String, String> hash : hashes.entrySet()) {
      if (!items.contains(hash.getKey())) {
        throw TaskInput.invalid(task, "reportedSha256", "names '" + hash.getKey() + "', which is not an item of the package");
      }
      hash.setValue(hash.getValue().toLowerCase(Locale.ROOT));
      if (!SHA256.matcher(hash.getValue()).matches()) {
        throw TaskInput.invalid(task, "reportedSha256", "for '" + hash.getKey() + "' must be 64 hexadecimal characters");
      }
    }
    task.setVariable("reportedSha256", ProcessJson.json(hashes));
    assignments.handover(task.getExecution().getProcessBusinessKey(), (String) task.getVariable("country"),
        received ? HandoverStatus.RECEIVED : HandoverStatus.NOT_RECEIVED);
  }
}
