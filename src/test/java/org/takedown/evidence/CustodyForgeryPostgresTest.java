package org.takedown.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.PostgresTest;
import org.takedown.ProcessDriver;
import org.takedown.system.Tlp;

/**
 * On PostgreSQL, where custody entries cannot be updated or deleted, a database writer can still insert: a forged
 * entry hashed exactly as Takedown would, with the item's head and length moved along, is named by verification.
 */
@PostgresTest
class CustodyForgeryPostgresTest {

  @Autowired ProcessDriver driver;
  @Autowired EvidenceRegister register;
  @Autowired CustodyLog custody;
  @Autowired CustodyVerifier verifier;
  @Autowired EvidenceStore store;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transaction;

  @Test
  void aForgedEntryWithACorrectHashAndAMovedHeadIsNamed() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    byte[] content = ("sinkhole log " + ref + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    EvidenceItem item = transaction.execute(s -> {
      try (EvidenceStore.Staged staged = store.stage(new ByteArrayInputStream(content), 1 << 20)) {
        EvidenceItem registered = register.upload(ref, new EvidenceFacts("Sinkhole log", EvidenceType.LOG, Tlp.AMBER, "Vera Vendor",
            Instant.parse("2026-11-02T14:30:00Z"), "Sinkhole 3, Frankfurt"), staged, null, "sinkhole.log", "cora", "10.0.0.7");
        custody.append(registered, CustodyEntry.of(CustodyEventType.RELEASED, "cora").from("Fusion centre").to("BKA SO4")
            .purpose("Takedown of the botnet's German servers").country("DE"));
        return registered;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(verifier.verify(ref).breaks()).isEmpty();

    CustodyEvent forged = transaction.execute(s -> {
      EvidenceItem fresh = register.item(ref, 1);
      return new CustodyEvent(fresh, 3, CustodyEntry.of(CustodyEventType.RETURNED, "cora").from("BKA SO4").to("Fusion centre"),
          Instant.parse("2026-11-30T10:00:00Z"), fresh.getCustodyHead());
    });
    jdbc.update("""
        insert into custody_event (item_id, seq, event_type, occurred_at, actor, from_party, to_party, previous_hash, entry_hash)
        values (?, 3, 'RETURNED', ?, 'cora', 'BKA SO4', 'Fusion centre', ?, ?)""",
        item.getId(), java.sql.Timestamp.from(forged.getOccurredAt()), forged.getPreviousHash(), forged.getEntryHash());
    jdbc.update("update evidence_item set custody_head = ?, custody_length = 3 where id = ?", forged.getEntryHash(), item.getId());

    assertThat(verifier.verify(ref).breaks()).singleElement().satisfies(b -> {
      assertThat(b.item()).isEqualTo("E1");
      assertThat(b.entry()).isEqualTo(3);
      assertThat(b.problem()).startsWith("E1, entry 3: not signed by the custody key");
    });
  }
}
