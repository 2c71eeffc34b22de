package org.takedown.evidence;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The head log: every signed chain head, one line each, appended to a file beside the evidence store that the
 * application only ever opens for appending (make it append-only on the file system too: chattr +a, or a WORM
 * share). Nodes of a cluster sharing the store append under a file lock, one whole line per write.
 *
 * <p>One operation's heads are read through an index ({@link #of(String)}): where each operation's lines are in the file
 * and a SHA-256 of each line, built by streaming the file on first use and extended from the length read so far
 * whenever the file grew (by this node or by another node sharing it). The file stays the authority: every line
 * returned is read from the file again and must still hash as when it was indexed, the last line read must be
 * unchanged and the file no shorter. Otherwise the whole file is read again, and each head line read before that it no
 * longer holds is reported as lost for its operation (verification names it), for as long as this process runs.
 */
@Component
public class PublishedHeads {

  private static final Logger log = LoggerFactory.getLogger(PublishedHeads.class);

  private final Path file;

  /** What this process has read of the file; guarded by this. */
  private Index index = new Index();

  /** Head lines read before that the file no longer holds, by operation; guarded by this. */
  private final Map<String, List<Line>> lost = new HashMap<>();

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

  /**
   * The heads that match, in the order they were published, by a full read of the log; none while there is no log.
   * For one operation's heads use {@link #of(String)}, which costs what that operation's heads cost.
   */
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

  /** The heads the log holds for one operation, in the order they were published, and the ones it lost. */
  public record OfOperation(List<CustodyHead> heads, List<Lost> lost) {}

  /** A head line of that item at that length, read from the log before, that the log no longer holds (cut back or edited). */
  public record Lost(String item, int length) {}

  /**
   * The heads of one operation, in the order they were published (what {@link #read} gives for that operation), and
   * the head lines of the operation this process read before that the log no longer holds. Costs the operation's lines
   * and whatever was appended since the last read, not the whole log, unless the log changed other than by appending.
   */
  synchronized OfOperation of(String operation) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int attempt = 1; ; attempt++) {
        catchUp(channel);
        List<CustodyHead> heads = index.heads(channel, operation);
        if (heads != null) {
          found(operation);
          return new OfOperation(heads, lost(operation));
        }
        if (attempt == 2) {
          throw new IllegalStateException("The custody head log " + file + " changes while it is read");
        }
        reread(channel, "a line of " + operation + " changed");
      }
    } catch (NoSuchFileException gone) {
      if (index.length > 0) {
        reread(null, "the file is gone");
      }
      return new OfOperation(List.of(), lost(operation));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the custody head log " + file, e);
    }
  }

  /** The lost lines of the operation that the file holds again (a copy put back) are no longer lost. */
  private void found(String operation) {
    List<Line> gone = lost.get(operation);
    if (gone != null) {
      Set<Key> held = new HashSet<>();
      index.byOperation.getOrDefault(operation, List.of()).forEach(line -> held.add(line.key(operation)));
      gone.removeIf(line -> held.contains(line.key(operation)));
      if (gone.isEmpty()) {
        lost.remove(operation);
        log.warn("The custody head log {} holds every head of {} read from it before again", file, operation);
      }
    }
  }

  private List<Lost> lost(String operation) {
    return lost.getOrDefault(operation, List.of()).stream().map(line -> new Lost(line.item, line.length)).toList();
  }

  /** Brings the index up to the file: reads what was appended, or everything again when the file changed otherwise. */
  private void catchUp(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size < index.length) {
      reread(channel, "it is " + size + " bytes long, shorter than the " + index.length + " bytes read before");
    } else if (index.last != null && !index.last.matches(channel)) {
      reread(channel, "its line at byte " + index.last.offset + " changed");
    } else {
      index.scan(channel, size);
    }
  }

  /**
   * Reads the whole file again into a new index (none when channel is null: the file is gone); every head line of the
   * old index that the file no longer holds becomes lost for its operation, and a lost one the file holds again (a
   * restored copy) no longer is.
   */
  private void reread(FileChannel channel, String why) {
    Index fresh = new Index();
    if (channel != null) {
      try {
        fresh.scan(channel, channel.size());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the custody head log " + file, e);
      }
    }
    Set<Key> held = fresh.keys();
    Set<Key> known = new HashSet<>();
    lost.forEach((operation, lines) -> lines.forEach(line -> known.add(line.key(operation))));
    List<String> newlyLost = new ArrayList<>();
    index.byOperation.forEach((operation, lines) -> lines.forEach(line -> {
      if (!held.contains(line.key(operation)) && known.add(line.key(operation))) {
        lost.computeIfAbsent(operation, k -> new ArrayList<>()).add(line);
        newlyLost.add(operation + " " + line.item + " at length " + line.length);
      }
    }));
    lost.forEach((operation, lines) -> lines.removeIf(line -> held.contains(line.key(operation))));
    lost.values().removeIf(List::isEmpty);
    if (!newlyLost.isEmpty()) {
      log.error("The custody head log {} was changed other than by appending ({}): read again from the start; {} head line(s) read "
          + "from it before are no longer in it: {}", file, why, newlyLost.size(),
          String.join(", ", newlyLost.subList(0, Math.min(20, newlyLost.size()))) + (newlyLost.size() > 20 ? ", …" : ""));
    } else {
      log.warn("The custody head log {} was changed other than by appending ({}): read again from the start; it still holds every "
          + "head read from it before", file, why);
    }
    index = fresh;
  }

  private record Key(String operation, long fingerprint0, long fingerprint1) {}

  /** A line of the file: where it is, how long (with its line break), its SHA-256 (the first 16 bytes), and its head's item and length. */
  private record Line(long offset, int bytes, long fingerprint0, long fingerprint1, String item, int length) {

    Key key(String operation) {
      return new Key(operation, fingerprint0, fingerprint1);
    }

    static Line of(long offset, byte[] bytes, CustodyHead head) {
      ByteBuffer sha256 = ByteBuffer.wrap(sha256(bytes));
      return new Line(offset, bytes.length, sha256.getLong(), sha256.getLong(), head == null ? null : head.item().intern(),
          head == null ? 0 : head.length());
    }

    /** The line's bytes as the file holds them now, or null when they are not what was indexed. */
    byte[] reread(FileChannel channel) throws IOException {
      ByteBuffer buffer = ByteBuffer.allocate(bytes);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, offset + buffer.position()) < 0) {
          return null;
        }
      }
      ByteBuffer sha256 = ByteBuffer.wrap(sha256(buffer.array()));
      return sha256.getLong() == fingerprint0 && sha256.getLong() == fingerprint1 ? buffer.array() : null;
    }

    boolean matches(FileChannel channel) throws IOException {
      return reread(channel) != null;
    }
  }

  /**
   * Where each operation's head lines are, up to the end of the last whole line read (length). Lines end at LF or CR,
   * as for {@link #read}; the bytes after the last line break (a line being written, or cut off by a crash) are read
   * again each time and their head, if they hold one, is kept as pending.
   */
  private static final class Index {
    long length;
    Line last;
    CustodyHead pending;
    final Map<String, List<Line>> byOperation = new HashMap<>();

    /** Indexes the whole lines from length up to size, one line at a time, so that an exception leaves a consistent index. */
    void scan(FileChannel channel, long size) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(256);
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      long position = length;
      while (position < size) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), size - position));
        int read = channel.read(buffer, position);
        if (read <= 0) {
          break;
        }
        byte[] bytes = buffer.array();
        int begin = 0;
        for (int i = 0; i < read; i++) {
          if (bytes[i] == '\n' || bytes[i] == '\r') {
            line.write(bytes, begin, i + 1 - begin);
            add(length, line.toByteArray());
            length = position + i + 1;
            line.reset();
            begin = i + 1;
          }
        }
        line.write(bytes, begin, read - begin);
        position += read;
      }
      pending = line.size() == 0 ? null : CustodyHead.parse(decode(line.toByteArray(), line.size()));
    }

    private void add(long offset, byte[] bytes) {
      CustodyHead head = CustodyHead.parse(decode(bytes, bytes.length - 1));
      Line line = Line.of(offset, bytes, head);
      if (head != null) {
        byOperation.computeIfAbsent(head.operation(), k -> new ArrayList<>()).add(line);
      }
      last = line;
    }

    /** The operation's heads, each read from the file again; null when a line is no longer what was indexed. */
    List<CustodyHead> heads(FileChannel channel, String operation) throws IOException {
      List<CustodyHead> heads = new ArrayList<>();
      for (Line line : byOperation.getOrDefault(operation, List.of())) {
        byte[] bytes = line.reread(channel);
        if (bytes == null) {
          return null;
        }
        heads.add(CustodyHead.parse(decode(bytes, bytes.length - 1)));
      }
      if (pending != null && pending.operation().equals(operation)) {
        heads.add(pending);
      }
      return heads;
    }

    Set<Key> keys() {
      Set<Key> keys = new HashSet<>();
      byOperation.forEach((operation, lines) -> lines.forEach(line -> keys.add(line.key(operation))));
      return keys;
    }
  }

  /** Strict UTF-8, as {@link #read} decodes the file: a malformed line fails the read, as it fails a full read. */
  private static String decode(byte[] bytes, int length) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new UncheckedIOException("The custody head log holds a line that is not UTF-8", e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
