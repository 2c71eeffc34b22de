package org.takedown.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.evidence.CustodyVerification.Break;
import org.takedown.system.Tlp;

/** Verification names the item and the entry for each way a chain or a stored file can be tampered with. */
@TakedownTest
class CustodyVerifierTest {

  @Autowired ProcessDriver driver;
  @Autowired EvidenceRegister register;
  @Autowired CustodyLog custody;
  @Autowired CustodyVerifier verifier;
  @Autowired EvidenceStore store;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transaction;

  String ref;
  EvidenceItem item;

  @BeforeEach
  void anItemWithThreeEntries() throws IOException {
    ref = driver.submit(tip("TLP:AMBER", list("DE")));
    // Content unique to this test run, so that altering the stored file touches no other test's item.
    byte[] content = ("sinkhole log " + ref + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    EvidenceFacts facts = new EvidenceFacts("Sinkhole log", EvidenceType.LOG, Tlp.AMBER, "Vera Vendor",
        Instant.parse("2026-11-02T14:30:00Z"), "Sinkhole 3, Frankfurt");
    item = transaction.execute(s -> {
      try (EvidenceStore.Staged staged = store.stage(new ByteArrayInputStream(content), 1 << 20)) {
        EvidenceItem registered = register.upload(ref, facts, staged, null, "../../etc/sinkhole.log", "cora", "10.0.0.7");
        custody.append(registered, CustodyEntry.of(CustodyEventType.PACKAGED, "cora").purpose("Package for DE"));
        custody.append(registered, CustodyEntry.of(CustodyEventType.RELEASED, "cora").from("Fusion centre").to("BKA SO4")
            .purpose("Takedown of the botnet's German servers").country("DE"));
        return registered;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void anUntouchedRegisterVerifies() {
    CustodyVerification result = verifier.verify(ref);
    assertThat(result.breaks()).isEmpty();
    assertThat(result.items()).isEqualTo(1);
    assertThat(result.entries()).isEqualTo(3);
    assertThat(item.getOriginalName()).isEqualTo("sinkhole.log");
  }

  @Test
  void anEditedEntryIsNamed() {
    jdbc.update("update custody_event set to_party = 'Someone else' where item_id = ? and seq = 3", item.getId());
    assertThat(verifier.verify(ref).breaks()).extracting(Break::item, Break::entry)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("E1", 3));
  }

  @Test
  void aDeletedEntryIsNamed() {
    jdbc.update("delete from custody_event where item_id = ? and seq = 2", item.getId());
    assertThat(verifier.verify(ref).breaks()).extracting(Break::entry, Break::problem)
        .contains(org.assertj.core.groups.Tuple.tuple(2, "Entry 2 is missing: the chain goes from entry 1 to entry 3."));
  }

  @Test
  void anInsertedEntryIsNamed() {
    // A forger copies entry 3 as a fourth entry; the register still records three.
    jdbc.update("""
        insert into custody_event (item_id, seq, event_type, occurred_at, actor, to_party, previous_hash, entry_hash)
        select item_id, 4, event_type, occurred_at, actor, 'Forged party', entry_hash, entry_hash from custody_event where item_id = ? and seq = 3""",
        item.getId());
    assertThat(verifier.verify(ref).breaks()).extracting(Break::item, Break::entry)
        .contains(org.assertj.core.groups.Tuple.tuple("E1", 4), org.assertj.core.groups.Tuple.tuple("E1", null));
  }

  @Test
  void anAlteredFileIsNamed() throws IOException {
    Path file = store.path(item.getSha256());
    byte[] bytes = Files.readAllBytes(file);
    bytes[0] ^= 1;
    Files.write(file, bytes);
    assertThat(verifier.verify(ref).breaks()).singleElement().satisfies(b -> {
      assertThat(b.item()).isEqualTo("E1");
      assertThat(b.problem()).isEqualTo("The stored file of E1 was altered: its SHA-256 is not the registered one.");
      assertThat(b.expected()).isEqualTo(item.getSha256());
    });
  }

  @Test
  void aDeletedFileIsNamed() throws IOException {
    Files.delete(store.path(item.getSha256()));
    assertThat(verifier.verify(ref).breaks()).extracting(Break::problem).containsExactly("The stored file of E1 is missing.");
  }
}
