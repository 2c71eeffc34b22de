package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.EVIDENCE_ITEMS;
import static org.takedown.evidence.EvidenceHandoverProcess.RECEIPT_CONFIRMED;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.system.ProcessJson;
import org.takedown.system.TaskInput;

/** Checks the unit's answer to a handover (received or not, the hashes it computed per item); {@link RecordReceiptDelegate} records it. */
@Component("receiptListener")
class ReceiptListener implements TaskListener {

  private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

  @Override
  public void notify(DelegateTask task) {
    Object confirmed = task.getVariable(RECEIPT_CONFIRMED);
    if (!(confirmed instanceof Boolean)) {
      throw TaskInput.invalid(task, RECEIPT_CONFIRMED, "must be the boolean true or false");
    }
    Map<String, String> hashes = TaskInput.parse(task, () -> ProcessJson.stringMap("reportedSha256", task.getVariable("reportedSha256")));
    Set<String> items = new HashSet<>(ProcessJson.stringList(EVIDENCE_ITEMS, task.getVariable(EVIDENCE_ITEMS)));
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
  }
}
