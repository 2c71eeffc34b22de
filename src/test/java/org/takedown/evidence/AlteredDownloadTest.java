package org.takedown.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;
import org.takedown.system.Tlp;

/**
 * A stored file whose bytes were altered is never served whole: a small one is refused before a byte goes out, a large
 * one is cut off before its end, and either raises a custodyBreak incident that the nightly check does not repeat.
 */
@TakedownTest
class AlteredDownloadTest {

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired EvidenceRegister register;
  @Autowired EvidenceStore store;
  @Autowired NightlyCustodyCheck nightly;
  @Autowired TransactionTemplate transaction;

  String ref;

  @BeforeEach
  void anOperation() {
    ref = driver.submit(tip("TLP:AMBER", list("DE")));
  }

  private EvidenceItem stored(byte[] content) {
    EvidenceFacts facts = new EvidenceFacts("Memory image", EvidenceType.MEMORY_IMAGE, Tlp.AMBER, "Vera Vendor",
        Instant.parse("2026-11-02T14:30:00Z"), "C2 server");
    return transaction.execute(s -> {
      try (EvidenceStore.Staged staged = store.stage(new ByteArrayInputStream(content), Long.MAX_VALUE)) {
        return register.upload(ref, facts, staged, null, "memory.img", "cora", "10.0.0.7");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(System.nanoTime()).nextBytes(bytes);
    return bytes;
  }

  private void alterLastByte(EvidenceItem item) throws IOException {
    Path file = store.path(item.getSha256());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 1;
    Files.write(file, bytes);
  }

  /** What a client receives: the head, and how many body bytes arrived before the server closed the connection. */
  private record Received(String head, long bodyBytes) {
    long declaredLength() {
      return head.lines().filter(l -> l.toLowerCase().startsWith("content-length:")).mapToLong(l -> Long.parseLong(l.substring(15).trim()))
          .findFirst().orElse(-1);
    }
  }

  private Received download(String path) throws IOException {
    return download(path, true);
  }

  /** {@code close}: ask the server to close after the answer; without, a cut-off must close the kept-alive connection itself. */
  private Received download(String path, boolean close) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + (close ? "Connection: close\r\n" : "") + "Authorization: " + RawHttp.basic("cora", "demo") + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        head.append((char) c);
      }
      long body = 0;
      byte[] buffer = new byte[1 << 16];
      long declared = new Received(head.toString(), 0).declaredLength();
      // Reads until the server closes the connection or the declared body is complete.
      for (int n; (declared < 0 || body < declared) && (n = in.read(buffer)) > 0; ) {
        body += n;
      }
      return new Received(head.toString(), body);
    }
  }

  private long incidents() {
    return driver.engine().getRuntimeService().createIncidentQuery().processInstanceId(driver.process(ref).getId())
        .incidentType(NightlyCustodyCheck.INCIDENT_TYPE).incidentMessageLike("%item E1%was altered%").count();
  }

  @Test
  void aSmallAlteredFileIsRefusedBeforeAByteIsSent() throws Exception {
    EvidenceItem item = stored(("memory " + ref + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
    String path = "/api/operations/" + ref + "/evidence/E1/file";
    Received intact = download(path);
    assertThat(intact.head()).startsWith("HTTP/1.1 200").contains("X-Content-SHA256: " + item.getSha256());
    assertThat(intact.bodyBytes()).isEqualTo(item.getSizeBytes());

    alterLastByte(item);
    Received refused = download(path);
    assertThat(refused.head()).startsWith("HTTP/1.1 409").contains("application/problem+json").doesNotContain("X-Content-SHA256");
    assertThat(incidents()).isEqualTo(1);
    nightly.run();
    assertThat(incidents()).isEqualTo(1);
  }

  @Test
  void aLargeAlteredFileIsCutOffBeforeItsEnd() throws Exception {
    EvidenceItem item = stored(random(3 * EvidenceStore.VERIFY_AHEAD + 12345));
    alterLastByte(item);
    Received cut = download("/api/operations/" + ref + "/evidence/E1/file", false);
    assertThat(cut.head()).startsWith("HTTP/1.1 200");
    assertThat(cut.declaredLength()).isEqualTo(item.getSizeBytes());
    assertThat(cut.bodyBytes()).as("the client never holds the whole file").isLessThan(item.getSizeBytes());
    assertThat(incidents()).isEqualTo(1);
  }
}
