package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.EVIDENCE_ITEMS;
import static org.takedown.evidence.EvidenceHandoverProcess.RECEIPT_CONFIRMED;
import static org.takedown.evidence.EvidenceHandoverProcess.RECEIPT_CONFIRMED_BY;
import static org.takedown.evidence.EvidenceHandoverProcess.REPORTED_SHA256;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.system.CurrentUser;
import org.takedown.system.ProcessJson;
import org.takedown.system.TaskInput;

/**
 * Checks the unit's answer to a handover (received or not, the SHA-256 it computed per item label); {@link RecordReceiptDelegate}
 * compares the hashes with the register. A missing hash is not refused here: it is a mismatch, which quarantines the item.
 */
@Component("receiptListener")
class ReceiptListener implements TaskListener {

  private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

  @Override
  public void notify(DelegateTask task) {
    Object confirmed = task.getVariable(RECEIPT_CONFIRMED);
    if (!(confirmed instanceof Boolean)) {
      throw TaskInput.invalid(task, RECEIPT_CONFIRMED, "must be the boolean true or false");
    }
    Map<String, String> given = TaskInput.parse(task, () -> ProcessJson.stringMap(REPORTED_SHA256, task.getVariable(REPORTED_SHA256)));
    Set<String> items = new HashSet<>(ProcessJson.stringList(EVIDENCE_ITEMS, task.getVariable(EVIDENCE_ITEMS)));
    Map<String, String> hashes = new LinkedHashMap<>();
    for (Map.Entry<String, String> hash : given.entrySet()) {
      String label = hash.getKey().strip().toUpperCase(Locale.ROOT);
      if (!items.contains(label)) {
        throw TaskInput.invalid(task, REPORTED_SHA256, "names '" + hash.getKey() + "', which is not an item of the package");
      }
      String sha = hash.getValue().strip().toLowerCase(Locale.ROOT);
      if (!SHA256.matcher(sha).matches()) {
        throw TaskInput.invalid(task, REPORTED_SHA256, "for '" + hash.getKey() + "' must be 64 hexadecimal characters");
      }
      hashes.put(label, sha);
    }
    task.setVariable(REPORTED_SHA256, ProcessJson.json(hashes));
    task.setVariable(RECEIPT_CONFIRMED_BY, CurrentUser.actingOn(task));
  }
}
