package org.takedown.evidence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The head log: every signed chain head, one line each, appended to a file beside the evidence store that the
 * application only ever opens for appending (make it append-only on the file system too: chattr +a, or a WORM
 * share). Nodes of a cluster sharing the store append under a file lock, one whole line per write.
 */
@Component
public class PublishedHeads {

  private final Path file;

  PublishedHeads(@Value("${takedown.custody.head-log:}") String configured,
      @Value("${takedown.evidence.store:./data/evidence}") Path store) {
    Path beside = store.toAbsolutePath().normalize().getParent();
    this.file = (configured.isBlank() ? beside.resolve("custody-heads.log") : Path.of(configured)).toAbsolutePath().normalize();
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the directory of the custody head log " + file, e);
    }
  }

  public Path file() {
    return file;
  }

  boolean exists() {
    return Files.isRegularFile(file);
  }

  /**
   * File locks are held per process: threads of one process that lock the same file at once get an
   * OverlappingFileLockException, so they take turns here first.
   */
  private static final Object IN_THIS_PROCESS = new Object();

  /** Appends the heads, in one write under the lock; creates the log when it is not there yet. */
  void append(List<CustodyHead> heads) {
    synchronized (IN_THIS_PROCESS) {
      appendLocked(heads);
    }
  }

  private void appendLocked(List<CustodyHead> heads) {
    StringBuilder text = new StringBuilder();
    heads.forEach(head -> text.append(head.line()));
    ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to the custody head log " + file, e);
    }
  }

  /** The heads that match, in the order they were published; none while there is no log. */
  List<CustodyHead> read(Predicate<CustodyHead> which) {
    List<CustodyHead> heads = new ArrayList<>();
    if (!exists()) {
      return heads;
    }
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = lines.readLine()) != null; ) {
        CustodyHead head = CustodyHead.parse(line);
        if (head != null && which.test(head)) {
          heads.add(head);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the custody head log " + file, e);
    }
    return heads;
  }
}
