package org.takedown.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.evidence.PublishedHeads.Lost;

/**
 * The head log's index gives each operation the heads a full read of the log gives, however the log grew (this node,
 * another node, a line being written), and never lets a log that was cut back or edited pass: it reads the whole log
 * again and names the head lines it no longer holds.
 */
class PublishedHeadsTest {

  static final String[] OPERATIONS = {"OP-2026-0001", "OP-2026-0002", "OP-2026-0003"};

  @TempDir Path dir;
  Path file;
  PublishedHeads node;
  PublishedHeads otherNode;

  @BeforeEach
  void twoNodesSharingOneLog() {
    node = new PublishedHeads(dir.resolve("custody-heads.log").toString(), dir.resolve("evidence"));
    otherNode = new PublishedHeads(dir.resolve("custody-heads.log").toString(), dir.resolve("evidence"));
    file = node.file();
  }

  static CustodyHead head(String operation, String item, int length) {
    String hash = Integer.toHexString((operation + item + length).hashCode());
    return new CustodyHead(operation, item, length, "0".repeat(64 - hash.length()) + hash, Instant.parse("2026-11-02T14:30:00Z").plusSeconds(length),
        "c2lnbmF0dXJlIG9mIA==" + operation + item + length, "0123456789abcdef", false);
  }

  /** Each operation's heads through the index are those of a full read of the log, and none is lost. */
  void assertIndexMatchesFullRead(PublishedHeads reader) {
    for (String operation : OPERATIONS) {
      PublishedHeads.OfOperation indexed = reader.of(operation);
      assertThat(indexed.heads()).as(operation).isEqualTo(reader.read(h -> h.operation().equals(operation)));
      assertThat(indexed.lost()).as(operation).isEmpty();
    }
  }

  @Test
  void theIndexGivesTheHeadsOfAFullReadAfterAppendsOfThisNodeAndOfAnother() throws IOException {
    assertThat(node.of(OPERATIONS[0]).heads()).as("no log yet").isEmpty();

    node.append(List.of(head(OPERATIONS[0], "E1", 1), head(OPERATIONS[1], "E1", 1)));
    node.append(List.of(head(OPERATIONS[0], "E1", 2)));
    assertIndexMatchesFullRead(node);
    assertThat(node.of(OPERATIONS[0]).heads()).extracting(CustodyHead::length).containsExactly(1, 2);

    // Another node appends to the same file; this node reads on from where it was.
    otherNode.append(List.of(head(OPERATIONS[2], "E1", 1), head(OPERATIONS[0], "E2", 1)));
    otherNode.append(List.of(head(OPERATIONS[0], "E1", 3)));
    node.append(List.of(head(OPERATIONS[1], "E1", 2)));
    assertIndexMatchesFullRead(node);
    assertIndexMatchesFullRead(otherNode);
    assertThat(node.of(OPERATIONS[0]).heads()).extracting(CustodyHead::item, CustodyHead::length)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("E1", 1), org.assertj.core.groups.Tuple.tuple("E1", 2),
            org.assertj.core.groups.Tuple.tuple("E2", 1), org.assertj.core.groups.Tuple.tuple("E1", 3));

    // A line still being written (no line break yet) is a head once whole, as for a full read; then it is indexed.
    String line = head(OPERATIONS[1], "E2", 1).line();
    Files.writeString(file, line.substring(0, 40), StandardOpenOption.APPEND);
    assertIndexMatchesFullRead(node);
    Files.writeString(file, line.substring(40, line.length() - 1), StandardOpenOption.APPEND);
    assertIndexMatchesFullRead(node);
    assertThat(node.of(OPERATIONS[1]).heads()).hasSize(3);
    Files.writeString(file, "\n", StandardOpenOption.APPEND);
    assertIndexMatchesFullRead(node);

    // Lines that are not heads, and a CR LF line, from a writer that is not Takedown.
    Files.writeString(file, "not a head\n\n" + head(OPERATIONS[2], "E1", 2).line().replace("\n", "\r\n") + "x\ty\n",
        StandardOpenOption.APPEND);
    otherNode.append(List.of(head(OPERATIONS[2], "E1", 3)));
    assertIndexMatchesFullRead(node);
    assertIndexMatchesFullRead(otherNode);
    assertThat(node.of(OPERATIONS[2]).heads()).extracting(CustodyHead::length).containsExactly(1, 2, 3);
    assertThat(new PublishedHeads(file.toString(), dir.resolve("evidence")).of(OPERATIONS[2]))
        .as("a node that starts now reads the same").isEqualTo(node.of(OPERATIONS[2]));
  }

  @Test
  void aLogCutBackIsReadAgainAndTheHeadsItLostAreNamed() throws IOException {
    node.append(List.of(head(OPERATIONS[0], "E1", 1), head(OPERATIONS[1], "E1", 1), head(OPERATIONS[0], "E1", 2)));
    long beforeLast = Files.size(file);
    node.append(List.of(head(OPERATIONS[0], "E1", 3)));
    assertIndexMatchesFullRead(node);

    truncate(beforeLast);

    // Whichever operation is read first notices it; the lost head is named for its own operation.
    assertThat(node.of(OPERATIONS[1]).lost()).isEmpty();
    PublishedHeads.OfOperation first = node.of(OPERATIONS[0]);
    assertThat(first.heads()).extracting(CustodyHead::length).containsExactly(1, 2);
    assertThat(first.lost()).containsExactly(new Lost("E1", 3));
    assertThat(first.heads()).isEqualTo(node.read(h -> h.operation().equals(OPERATIONS[0])));

    // Heads appended after the cut are read on; the lost one stays named while this node runs.
    otherNode.append(List.of(head(OPERATIONS[0], "E2", 1)));
    assertThat(node.of(OPERATIONS[0]).heads()).extracting(CustodyHead::item).containsExactly("E1", "E1", "E2");
    assertThat(node.of(OPERATIONS[0]).lost()).containsExactly(new Lost("E1", 3));
  }

  @Test
  void aLogCutBackAndGrownPastItsFormerLengthIsNoticedToo() throws IOException {
    node.append(List.of(head(OPERATIONS[0], "E1", 1), head(OPERATIONS[0], "E1", 2), head(OPERATIONS[1], "E1", 1)));
    long afterFirst = head(OPERATIONS[0], "E1", 1).line().length();
    assertIndexMatchesFullRead(node);

    truncate(afterFirst);
    node.append(List.of(head(OPERATIONS[2], "E1", 1), head(OPERATIONS[2], "E1", 2), head(OPERATIONS[2], "E1", 3)));

    assertThat(node.of(OPERATIONS[2]).heads()).hasSize(3);
    assertThat(node.of(OPERATIONS[0]).lost()).containsExactly(new Lost("E1", 2));
    assertThat(node.of(OPERATIONS[1]).lost()).containsExactly(new Lost("E1", 1));
    assertThat(node.of(OPERATIONS[1]).heads()).isEmpty();
  }

  @Test
  void anEditedLineIsNoticedWhenItsOperationIsReadAndTheEditedHeadIsWhatTheFileSays() throws IOException {
    CustodyHead edited = head(OPERATIONS[0], "E1", 2);
    node.append(List.of(head(OPERATIONS[0], "E1", 1), edited, head(OPERATIONS[1], "E1", 1), head(OPERATIONS[1], "E1", 2)));
    assertIndexMatchesFullRead(node);

    // One character of the head hash of E1 at length 2, in place: the length of the file and its last line unchanged.
    String text = Files.readString(file);
    int at = text.indexOf(edited.head());
    Files.writeString(file, text.substring(0, at) + (text.charAt(at) == 'f' ? 'e' : 'f') + text.substring(at + 1));

    assertThat(node.of(OPERATIONS[1]).lost()).as("another operation's lines are intact").isEmpty();
    PublishedHeads.OfOperation read = node.of(OPERATIONS[0]);
    assertThat(read.lost()).containsExactly(new Lost("E1", 2));
    assertThat(read.heads()).isEqualTo(node.read(h -> h.operation().equals(OPERATIONS[0])));
    assertThat(read.heads().get(1).head()).isNotEqualTo(edited.head());
  }

  @Test
  void aRestoredLogNoLongerLosesTheHeadsItHoldsAgain() throws IOException {
    node.append(List.of(head(OPERATIONS[0], "E1", 1), head(OPERATIONS[0], "E1", 2)));
    assertIndexMatchesFullRead(node);
    byte[] whole = Files.readAllBytes(file);

    Files.delete(file);
    assertThat(node.of(OPERATIONS[0]).heads()).isEmpty();
    assertThat(node.of(OPERATIONS[0]).lost()).containsExactly(new Lost("E1", 1), new Lost("E1", 2));

    Files.write(file, whole);
    assertIndexMatchesFullRead(node);
  }

  private void truncate(long size) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(size);
    }
    assertThat(Files.size(file)).isEqualTo(size);
  }
}
