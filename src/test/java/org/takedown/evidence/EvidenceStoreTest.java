package org.takedown.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store after a node was killed in the middle of an upload. */
class EvidenceStoreTest {

  @TempDir Path root;

  @Test
  void aStartRemovesPartialUploadsLeftByAKilledNodeAndKeepsThoseStillArriving() throws Exception {
    Path incoming = Files.createDirectories(root.resolve("incoming"));
    // what a kill -9 during an upload leaves: a .part file that nobody deletes
    Path abandoned = Files.writeString(incoming.resolve("5f0c-abandoned.part"), "the first half of a disk ima");
    Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(EvidenceStore.ABANDONED).minus(Duration.ofMinutes(1))));
    // another node sharing the store, receiving an upload right now
    Path arriving = Files.writeString(incoming.resolve("9a1e-arriving.part"), "a log still arriving");
    Path other = Files.writeString(incoming.resolve("notes.txt"), "not an upload");
    Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofDays(30))));

    EvidenceStore store = new EvidenceStore(root);

    assertThat(abandoned).doesNotExist();
    assertThat(arriving).hasContent("a log still arriving");
    assertThat(other).exists();
    try (EvidenceStore.Staged staged = store.stage(new ByteArrayInputStream("sinkhole log".getBytes(StandardCharsets.UTF_8)), 1 << 20)) {
      assertThat(staged.commit()).isTrue();
      assertThat(store.path(staged.sha256())).hasContent("sinkhole log");
    }
  }
}
