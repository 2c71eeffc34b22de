package org.takedown.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;

/**
 * A 1 GB upload through HTTP in a JVM of 256 MB heap (its own surefire execution, see the pom): the body is generated
 * as it is sent, never held, and the server streams it into the store. The client hashes what it sends and compares.
 */
@TakedownTest
class LargeUploadTest {

  static final long SIZE = 1L << 30;
  static final long HEAP = 256L << 20;

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired EvidenceStore store;

  @Test
  void aGigabyteUploadSucceedsInBoundedHeap() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() <= HEAP, "runs in the large-upload execution, with -Xmx256m");
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    long before = usedAfterGc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    Multipart form = Multipart.evidence();
    long start = System.nanoTime();
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/operations/" + ref + "/evidence"))
        .header("Authorization", RawHttp.basic("cora", "demo")).header("Content-Type", form.contentType())
        .POST(form.publisher("disk.img", SIZE, () -> new Generated(SIZE, sent))).build(), HttpResponse.BodyHandlers.ofString());
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    System.out.printf(Locale.ROOT, "1 GiB upload: %.1f s (%.0f MB/s); heap max %d MiB, peak used during the upload (sum of the pools' peaks) "
        + "%d MiB; live after a GC %d MiB before and %d MiB after%n", seconds, SIZE / 1e6 / seconds, Runtime.getRuntime().maxMemory() >> 20,
        peak >> 20, before >> 20, usedAfterGc() >> 20);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    JsonNode item = new ObjectMapper().readTree(answer.body());
    String sha = HexFormat.of().formatHex(sent.digest());
    assertThat(item.get("sha256").asText()).isEqualTo(sha);
    assertThat(item.get("sizeBytes").asLong()).isEqualTo(SIZE);
    assertThat(Files.size(store.path(sha))).isEqualTo(SIZE);
    // The gigabyte is not needed after the test; the in-memory database goes with the JVM.
    Files.delete(store.path(sha));
  }

  private static long usedAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Bytes made up as they are read (a counter mixed into a fixed block), hashed on the way out. */
  static final class Generated extends InputStream {
    private final long size;
    private final MessageDigest digest;
    private final byte[] block = new byte[1 << 16];
    private long position;

    Generated(long size, MessageDigest digest) {
      this.size = size;
      this.digest = digest;
      new java.util.Random(42).nextBytes(block);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(length, size - position);
      for (int i = 0; i < n; i++) {
        long at = position + i;
        buffer[offset + i] = (byte) (block[(int) (at & 0xffff)] ^ (at >>> 16));
      }
      digest.update(buffer, offset, n);
      position += n;
      return n;
    }
  }
}
