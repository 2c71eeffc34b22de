package org.takedown.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The content-addressed file store: a file lives at {@code <root>/ab/cd/<sha256>}. Files arrive under a temporary
 * name in {@code <root>/incoming} (same file system, so the final move is atomic) and are moved into place only
 * once their hash is known; nothing the client sends names a stored file. Several nodes may share the root.
 */
@Component
public class EvidenceStore {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final int BUFFER = 1 << 16;
  /** A partial upload not written to for this long was cut off by a node that died (kill -9, power loss). */
  static final Duration ABANDONED = Duration.ofDays(1);
  private static final Logger log = LoggerFactory.getLogger(EvidenceStore.class);

  private final Path root;
  private final Path incoming;

  EvidenceStore(@Value("${takedown.evidence.store:./data/evidence}") Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.incoming = this.root.resolve("incoming");
    try {
      Files.createDirectories(incoming);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the evidence store at " + this.root, e);
    }
    removeAbandonedUploads(Instant.now().minus(ABANDONED));
  }

  /**
   * Deletes the partial uploads that a crashed node left in the incoming area (an orderly failure deletes its own),
   * so that they do not fill the disk. Only old ones: another node sharing the store may be receiving one right now.
   */
  int removeAbandonedUploads(Instant writtenBefore) {
    int removed = 0;
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(incoming, "*.part")) {
      for (Path part : parts) {
        try {
          if (Files.getLastModifiedTime(part).toInstant().isBefore(writtenBefore) && Files.deleteIfExists(part)) {
            removed++;
          }
        } catch (IOException e) {
          log.warn("Cannot remove the abandoned partial upload {}: {}", part, e.getMessage());
        }
      }
    } catch (IOException e) {
      log.warn("Cannot look for abandoned partial uploads in {}: {}", incoming, e.getMessage());
    }
    if (removed > 0) {
      log.info("Removed {} partial uploads abandoned by a node that stopped while receiving them, from {}", removed, incoming);
    }
    return removed;
  }

  /** A file written to the incoming area, with its hash and size; deleted on close unless committed. */
  public final class Staged implements AutoCloseable {
    private final Path file;
    private final String sha256;
    private final long size;
    private boolean committed;

    private Staged(Path file, String sha256, long size) {
      this.file = file;
      this.sha256 = sha256;
      this.size = size;
    }

    public String sha256() { return sha256; }
    public long size() { return size; }

    /** Moves the file into place; returns false when the store already held the same content. */
    public boolean commit() {
      Path target = path(sha256);
      try {
        if (Files.isRegularFile(target)) {
          return false;
        }
        Files.createDirectories(target.getParent());
        try {
          Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(file, target);
        }
        committed = true;
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        if (Files.exists(target)) {
          return false;
        }
        throw new UncheckedIOException("Cannot move an evidence file into the store", e);
      }
    }

    @Override
    public void close() {
      if (!committed) {
        delete(file);
      }
    }
  }

  /** Thrown when a stream is longer than allowed; nothing is left behind. */
  public static final class TooLargeException extends RuntimeException {
    TooLargeException(long limit) {
      super("The file is larger than the limit of " + limit + " bytes.");
    }
  }

  /** Streams {@code in} to the incoming area, hashing as it goes and never holding more than a buffer in memory. */
  public Staged stage(InputStream in, long maxBytes) throws IOException {
    Path file = incoming.resolve(UUID.randomUUID() + ".part");
    MessageDigest digest = sha256();
    long size = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        size += n;
        if (size > maxBytes) {
          throw new TooLargeException(maxBytes);
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      delete(file);
      throw e;
    }
    return new Staged(file, HexFormat.of().formatHex(digest.digest()), size);
  }

  public Path path(String sha256) {
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("Not a SHA-256: " + sha256);
    }
    return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
  }

  public boolean contains(String sha256) {
    return Files.isRegularFile(path(sha256));
  }

  public InputStream open(String sha256) throws IOException {
    return Files.newInputStream(path(sha256));
  }

  /** A stored file whose bytes no longer hash to the registered SHA-256 (or run past the registered size). */
  public static final class AlteredFile extends IOException {
    private final String expected;
    private final String found;

    /** {@code found}: the SHA-256 the bytes have, or what else is wrong with them. */
    AlteredFile(String expected, String found) {
      super("The stored file " + expected + " was altered: found " + found);
      this.expected = expected;
      this.found = found;
    }

    public String expected() { return expected; }
    public String found() { return found; }
  }

  /**
   * Opens a stored file for a download, hashing it as it is read. It reads ahead one {@link #VERIFY_AHEAD} block and
   * gives out a block only once the next one is read, so the last block is given out only after the whole file
   * hashed to {@code sha256}; otherwise it throws {@link AlteredFile} instead. A file up to that size is thus checked
   * before its first byte is sent; a larger one is cut off before its end: nobody receives a complete wrong file.
   */
  public InputStream openVerified(String sha256, long size) throws IOException {
    return new VerifyingStream(open(sha256), sha256, size);
  }

  static final int VERIFY_AHEAD = 1 << 20;

  private static final class VerifyingStream extends InputStream {
    private final InputStream in;
    private final String expected;
    private final long size;
    private final MessageDigest digest = sha256();
    private long read;
    private byte[] current = new byte[0];
    private int position;
    private byte[] next;
    private boolean verified;

    VerifyingStream(InputStream in, String expected, long size) {
      this.in = in;
      this.expected = expected;
      this.size = size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (position == current.length && !advance()) {
        return -1;
      }
      int n = Math.min(length, current.length - position);
      System.arraycopy(current, position, buffer, offset, n);
      position += n;
      return n;
    }

    /** Moves to the next block once the one after it is read, or once the end is reached and the hash matches. */
    private boolean advance() throws IOException {
      if (next == null) {
        next = block();
      }
      if (next.length == 0) {
        verifyEnd();
        return false;
      }
      byte[] after = block();
      if (after.length == 0) {
        verifyEnd();
      }
      current = next;
      position = 0;
      next = after;
      return true;
    }

    private void verifyEnd() throws IOException {
      if (!verified) {
        String found = HexFormat.of().formatHex(digest.digest());
        if (read != size || !found.equals(expected)) {
          throw new AlteredFile(expected, found);
        }
        verified = true;
      }
    }

    private byte[] block() throws IOException {
      if (verified) {
        return new byte[0];
      }
      byte[] block = in.readNBytes(VERIFY_AHEAD);
      read += block.length;
      if (read > size) {
        throw new AlteredFile(expected, "more than the registered " + size + " bytes");
      }
      digest.update(block);
      return block;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Recomputes the SHA-256 of a stored file, as verification does. */
  public String hashOf(String sha256) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = open(sha256)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + file, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
