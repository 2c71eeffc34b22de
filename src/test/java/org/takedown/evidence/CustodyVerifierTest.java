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
import java.util.List;
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
  @Autowired PublishedHeads heads;
  @Autowired CustodyKey key;
  @Autowired CustodyDigest digest;
  @Autowired CustodyIncidents incidents;

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
  void aBreakIsRaisedAsAnIncidentWhileTheOperationWaitsForItsCountries() {
    String assigned = driver.approveForAssignment(tip("TLP:AMBER", list("DE")));
    driver.registerEvidence(assigned, "Disk image of the C2 server");
    jdbc.update("update custody_event set actor = 'someone else' where item_id = (select i.id from evidence_item i"
        + " join operation o on o.id = i.operation_id where o.reference = ?) and seq = 1", assigned);

    assertThat(incidents.raise(assigned, verifier.verify(assigned).breaks())).isEqualTo(1);
    assertThat(driver.engine().getRuntimeService().createIncidentQuery().processInstanceId(driver.process(assigned).getId())
        .incidentType("custodyBreak").count()).isEqualTo(1);
  }

  @Test
  void aWholeItemRemovedFromTheDatabaseIsNamedByItsPublishedHeads() {
    jdbc.update("delete from custody_event where item_id = ?", item.getId());
    jdbc.update("delete from evidence_item where id = ?", item.getId());

    assertThat(verifier.verify(ref).breaks()).singleElement().satisfies(b -> {
      assertThat(b.item()).isEqualTo("E1");
      assertThat(b.problem()).isEqualTo("E1 has published heads in the head log, but the register has no E1: the item was removed from the database.");
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
  void aForgedEntryWithACorrectHashAndAMovedHeadIsNamed() {
    // A database writer appends an entry hashed exactly as Takedown would, and moves the head and length with it.
    CustodyEvent forged = transaction.execute(s -> {
      EvidenceItem fresh = register.item(ref, 1);
      return new CustodyEvent(fresh, 4, CustodyEntry.of(CustodyEventType.RETURNED, "cora").from("BKA SO4").to("Fusion centre"),
          Instant.parse("2026-11-30T10:00:00Z"), fresh.getCustodyHead());
    });
    jdbc.update("""
        insert into custody_event (item_id, seq, event_type, occurred_at, actor, from_party, to_party, previous_hash, entry_hash)
        values (?, 4, 'RETURNED', ?, 'cora', 'BKA SO4', 'Fusion centre', ?, ?)""",
        item.getId(), java.sql.Timestamp.from(forged.getOccurredAt()), forged.getPreviousHash(), forged.getEntryHash());
    jdbc.update("update evidence_item set custody_head = ?, custody_length = 4 where id = ?", forged.getEntryHash(), item.getId());

    assertThat(verifier.verify(ref).breaks()).singleElement().satisfies(b -> {
      assertThat(b.item()).isEqualTo("E1");
      assertThat(b.entry()).isEqualTo(4);
      assertThat(b.problem()).startsWith("E1, entry 4: not signed by the custody key");
      assertThat(b.found()).isEqualTo("no signature");
    });
  }

  @Test
  void aChainRewrittenFromAnEarlierEntryDiffersFromItsPublishedHead() {
    // The forger removes entry 3 and resets the head to entry 2: every remaining entry is signed, but the head log
    // recorded length 3.
    jdbc.update("delete from custody_event where item_id = ? and seq = 3", item.getId());
    String second = jdbc.queryForObject("select entry_hash from custody_event where item_id = ? and seq = 2", String.class, item.getId());
    jdbc.update("update evidence_item set custody_head = ?, custody_length = 2 where id = ?", second, item.getId());

    assertThat(verifier.verify(ref).breaks()).singleElement().satisfies(b -> {
      assertThat(b.entry()).isEqualTo(3);
      assertThat(b.problem()).startsWith("The published head of E1 at length 3 is ")
          .endsWith(", but the database has no entry 3 (its chain ends at entry 2): entries were removed.");
    });
  }

  @Test
  void aRemovedSignatureIsNamed() {
    // Not an update the application could make (custody_event is append-only on PostgreSQL); H2 lets the test do it.
    jdbc.update("update custody_event set signature = null where item_id = ? and seq = 2", item.getId());
    assertThat(verifier.verify(ref).breaks()).extracting(Break::item, Break::entry, Break::found)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("E1", 2, "no signature"));
  }

  @Test
  void everyHeadIsPublishedOnceWithItsSignature() {
    List<CustodyHead> lines = heads.read(h -> h.operation().equals(ref));
    assertThat(lines).extracting(CustodyHead::item, CustodyHead::length, CustodyHead::adopted)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("E1", 1, false), org.assertj.core.groups.Tuple.tuple("E1", 2, false),
            org.assertj.core.groups.Tuple.tuple("E1", 3, false));
    assertThat(lines.get(2).head()).isEqualTo(item.getCustodyHead());
    assertThat(lines).allSatisfy(h -> {
      assertThat(h.keyId()).isEqualTo(key.id());
      assertThat(key.verify(h.message(), h.signature())).isTrue();
    });
  }

  @Test
  void theDailyDigestMailsTheDaysHeadsOnceToTheCoordinators() {
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    assertThat(digest.run(today)).contains(ref);
    assertThat(digest.run(today)).as("once per day, whichever node or run asks again").isEmpty();
    List<String> bodies = jdbc.queryForList("select n.body_text from notice n join operation o on o.id = n.operation_id "
        + "where o.reference = ? and n.kind = 'CUSTODY_DIGEST'", String.class, ref);
    assertThat(bodies).isNotEmpty().allSatisfy(body -> assertThat(body)
        .contains("signed with the\ncustody key " + key.id(), "- E1 at length 3: " + item.getCustodyHead()));
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
