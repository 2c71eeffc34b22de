package org.takedown.partner;

import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.ProcessDriver;
import org.takedown.evidence.EvidenceFacts;
import org.takedown.evidence.EvidenceItem;
import org.takedown.evidence.EvidenceRegister;
import org.takedown.evidence.EvidenceStore;
import org.takedown.evidence.EvidenceType;
import org.takedown.system.Tlp;

/** An operation whose unit has been handed a package of two uploaded files and one item held elsewhere. */
record EvidencePackages(String reference, List<EvidenceItem> items) {

  static EvidencePackages handedOver(ProcessDriver driver, EvidenceRegister register, EvidenceStore store, TransactionTemplate transaction,
      String country) {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list(country)));
    driver.complete(driver.officer(country), ref, "Task_RespondToAssignment", country, vars("assignmentResponse", "ACCEPT"));
    // Content unique to the run: the store is shared by every test.
    EvidenceItem log = upload(register, store, transaction, ref, "Sinkhole log of the C2 domains", EvidenceType.LOG, "sinkhole.log",
        ("sinkhole " + ref + " " + System.nanoTime() + "\n").repeat(2000));
    EvidenceItem sample = upload(register, store, transaction, ref, "Loader sample", EvidenceType.MALWARE_SAMPLE, "loader.bin",
        "MZ loader " + ref + " " + System.nanoTime());
    EvidenceItem image = transaction.execute(s -> register.registerReference(ref, facts("Disk image of the C2 server", EvidenceType.DISK_IMAGE),
        "Forensic lab Wiesbaden, locker 12", "ef".repeat(32), 512L * 1024 * 1024 * 1024, "cora", "10.0.0.7"));
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", country, vars("evidenceItems", "[\"E1\",\"E2\",\"E3\"]"));
    driver.runJobs(ref);
    return new EvidencePackages(ref, List.of(log, sample, image));
  }

  private static EvidenceItem upload(EvidenceRegister register, EvidenceStore store, TransactionTemplate transaction, String ref,
      String description, EvidenceType type, String name, String content) {
    return transaction.execute(s -> {
      try (EvidenceStore.Staged staged = store.stage(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), 1 << 24)) {
        return register.upload(ref, facts(description, type), staged, null, name, "cora", "10.0.0.7");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static EvidenceFacts facts(String description, EvidenceType type) {
    return new EvidenceFacts(description, type, Tlp.AMBER, "Vera Vendor", Instant.parse("2026-11-02T14:30:00Z"), "Sinkhole 3, Frankfurt");
  }
}
