package org.takedown.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.evidence.CustodyVerification.Break;
import org.takedown.system.Tlp;

/**
 * Verification reads an operation's published heads through the head log's index: it sees heads another node
 * appended, and a head log cut back or edited after it was read is named by item and entry. The tampering happens to
 * a head log of the test's own (a copy of the operation's heads among other operations' lines), read by a verifier
 * of its own, so that the log every other test shares stays whole.
 */
@TakedownTest
class CustodyHeadLogTest {

  static final String OTHER = "OP-1999-0001";

  @Autowired ProcessDriver driver;
  @Autowired EvidenceRegister register;
  @Autowired CustodyLog custody;
  @Autowired EvidenceStore store;
  @Autowired EvidenceItemRepository items;
  @Autowired CustodyEventRepository entries;
  @Autowired CustodyKey key;
  @Autowired PublishedHeads heads;
  @Autowired Clock clock;
  @Autowired TransactionTemplate transaction;

  String ref;
  EvidenceItem item;
  Path log;
  PublishedHeads own;

  @BeforeEach
  void anItemWithThreeEntriesAndAHeadLogOfItsOwn() {
    ref = driver.submit(tip("TLP:AMBER", list("DE")));
    byte[] content = ("sinkhole log " + ref + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    item = transaction.execute(s -> {
      try (EvidenceStore.Staged staged = store.stage(new ByteArrayInputStream(content), 1 << 20)) {
        EvidenceItem registered = register.upload(ref, new EvidenceFacts("Sinkhole log", EvidenceType.LOG, Tlp.AMBER, "Vera Vendor",
            Instant.parse("2026-11-02T14:30:00Z"), "Sinkhole 3, Frankfurt"), staged, null, "sinkhole.log", "cora", "10.0.0.7");
        custody.append(registered, CustodyEntry.of(CustodyEventType.PACKAGED, "cora").purpose("Package for DE"));
        custody.append(registered, CustodyEntry.of(CustodyEventType.RELEASED, "cora").from("Fusion centre").to("BKA SO4")
            .purpose("Takedown of the botnet's German servers").country("DE"));
        return registered;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    log = Path.of("target", "custody-heads", "own-" + UUID.randomUUID() + ".log");
    own = new PublishedHeads(log.toString(), Path.of("target", "evidence-store"));
    List<CustodyHead> published = heads.read(h -> h.operation().equals(ref));
    assertThat(published).extracting(CustodyHead::length).containsExactly(1, 2, 3);
    for (CustodyHead head : published) {
      own.append(List.of(other(head.length()), head, other(head.length() + 10)));
    }
  }

  /** A line of another operation (its signature is not checked here: that operation is not verified). */
  static CustodyHead other(int length) {
    return new CustodyHead(OTHER, "E1", length, "ab".repeat(32), Instant.parse("2026-11-02T14:30:00Z"), "c2lnbmVk", "0123456789abcdef", false);
  }

  CustodyVerification verify(PublishedHeads through) {
    CustodyVerifier verifier = new CustodyVerifier(items, entries, store, key, through, clock);
    return transaction.execute(s -> verifier.verify(ref));
  }

  @Test
  void headsAnotherNodeAppendedAreReadOnFromWhereTheIndexWas() {
    // Another node's view of the log every node shares: an index of its own, built now.
    PublishedHeads otherNode = new PublishedHeads(heads.file().toString(), Path.of("target", "evidence-store"));
    assertThat(verify(otherNode).breaks()).isEmpty();
    assertThat(otherNode.of(ref).heads()).extracting(CustodyHead::length).containsExactly(1, 2, 3);

    // This node appends the fourth head; the other node's index reads it on, and gives what a full read gives.
    transaction.executeWithoutResult(s -> custody.append(register.item(ref, 1),
        CustodyEntry.of(CustodyEventType.RETURNED, "cora").from("BKA SO4").to("Fusion centre")));
    CustodyVerification verified = verify(otherNode);
    assertThat(verified.breaks()).isEmpty();
    assertThat(verified.entries()).isEqualTo(4);
    assertThat(otherNode.of(ref).heads()).extracting(CustodyHead::length).containsExactly(1, 2, 3, 4)
        .containsExactlyElementsOf(heads.read(h -> h.operation().equals(ref)).stream().map(CustodyHead::length).toList());
    assertThat(otherNode.of(ref).heads()).isEqualTo(heads.read(h -> h.operation().equals(ref))).isEqualTo(heads.of(ref).heads());
  }

  @Test
  void aHeadLogCutBackAfterItWasReadIsNamedByItemAndEntry() throws IOException {
    assertThat(verify(own).breaks()).isEmpty();
    String text = Files.readString(log);
    long third = text.indexOf(ref + "\tE1\t3\t");

    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
      channel.truncate(third);
    }

    assertThat(verify(own).breaks()).singleElement().satisfies(b -> {
      assertThat(b.item()).isEqualTo("E1");
      assertThat(b.entry()).isEqualTo(3);
      assertThat(b.problem()).isEqualTo("The head log no longer holds the published head of E1 at length 3 that it held before: "
          + "the head log was cut back or edited.");
    });
    assertThat(verify(own).breaks()).as("named again at the next verification").extracting(Break::item, Break::entry)
        .containsExactly(tuple("E1", 3));
  }

  @Test
  void aHeadLogLineEditedAfterItWasReadIsNamedByItemAndEntry() throws IOException {
    assertThat(verify(own).breaks()).isEmpty();
    String second = heads.read(h -> h.operation().equals(ref) && h.length() == 2).get(0).head();
    String text = Files.readString(log);
    int at = text.indexOf(second);

    // One character of the head of E1 at length 2, in place: the file keeps its length and its last line.
    Files.writeString(log, text.substring(0, at) + (text.charAt(at) == '0' ? '1' : '0') + text.substring(at + 1));

    assertThat(verify(own).breaks()).extracting(Break::item, Break::entry, Break::problem).containsExactlyInAnyOrder(
        tuple("E1", 2, "The head log no longer holds the published head of E1 at length 2 that it held before: "
            + "the head log was cut back or edited."),
        tuple("E1", 2, "The head log's line for E1 at length 2 is not signed by the custody key (key " + key.id() + ")."));
  }
}
