package org.takedown.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;
import org.takedown.system.Hashes;

/** The evidence register over HTTP, as a client uses it: uploads, refusals that store nothing, downloads, verification. */
@TakedownTest
class EvidenceApiTest {

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired JdbcTemplate jdbc;
  @Autowired EvidenceStore store;
  @Autowired EvidenceUploads uploads;
  @Autowired NightlyCustodyCheck nightly;
  @Value("${takedown.evidence.store}") Path storeRoot;

  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  String ref;

  @BeforeEach
  void anOperation() {
    ref = driver.submit(tip("TLP:AMBER", list("DE")));
  }

  private HttpResponse<String> upload(String user, Multipart form, String fileName, byte[] content) throws Exception {
    return http.send(request(user, "/evidence").header("Content-Type", form.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.body(fileName, content))).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String user, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/operations/" + ref + path))
        .header("Authorization", RawHttp.basic(user, "demo"));
  }

  private HttpResponse<String> get(String user, String path) throws Exception {
    return http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private int rows() {
    return jdbc.queryForObject("select count(*) from evidence_item i join operation o on o.id = i.operation_id where o.reference = ?",
        Integer.class, ref);
  }

  private long incoming() throws IOException {
    try (Stream<Path> files = Files.list(storeRoot.resolve("incoming"))) {
      return files.count();
    }
  }

  private byte[] unique(String what) {
    return (what + " of " + ref + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void uploadsKeepTheClientsNameOnlyAsSanitisedDataAndDownloadsAreInCustody() throws Exception {
    String longName = "a".repeat(296) + ".img";
    Map<String, String> sent = new LinkedHashMap<>();
    sent.put("../../../etc/passwd", "passwd");
    sent.put("..\\..\\windows\\sam\u0007\u001b[31m.bin", "sam[31m.bin");
    sent.put(longName, "a".repeat(255));
    int number = 0;
    for (Map.Entry<String, String> name : sent.entrySet()) {
      byte[] content = unique("image " + name.getValue().length());
      HttpResponse<String> answer = upload(number == 0 ? "vera" : "cora", Multipart.evidence(), name.getKey(), content);
      number++;
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
      JsonNode item = json.readTree(answer.body());
      assertThat(answer.headers().firstValue("Location")).hasValue("/api/operations/" + ref + "/evidence/E" + number);
      assertThat(item.get("originalName").asText()).isEqualTo(name.getValue());
      assertThat(item.get("sha256").asText()).isEqualTo(Hashes.sha256(content));
      assertThat(item.get("typeLabel").asText()).isEqualTo("Disk image");
      assertThat(item.get("tlp").asText()).isEqualTo("TLP:AMBER");
      assertThat(item.get("custodyStatusLabel").asText()).isEqualTo("In custody");
      // The stored name is the content's hash, inside the store, whatever the client called it.
      Path stored = store.path(Hashes.sha256(content));
      assertThat(stored).startsWith(storeRoot.toAbsolutePath().normalize()).hasBinaryContent(content);
    }
    assertThat(rows()).isEqualTo(3);
    assertThat(incoming()).isZero();
    assertThat(json.readTree(get("cora", "/evidence").body())).hasSize(3);
    // The register's custody entries name the units that received each item: not the vendor's to read.
    assertThat(get("vera", "/evidence").statusCode()).isEqualTo(403);

    // Staff download: the bytes, the hash, a safe file name, and a custody entry naming who and from where.
    HttpResponse<byte[]> file = http.send(request("cora", "/evidence/E1/file").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(Hashes.sha256(file.body())).isEqualTo(file.headers().firstValue("X-Content-SHA256").orElseThrow());
    assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).contains("filename=\"passwd\"");
    JsonNode chain = json.readTree(get("cora", "/evidence/E1").body()).get("chain");
    assertThat(chain).hasSize(2);
    assertThat(chain.get(1).get("typeLabel").asText()).isEqualTo("Downloaded");
    assertThat(chain.get(1).get("actor").asText()).isEqualTo("cora");
    assertThat(chain.get(1).get("location").asText()).isEqualTo("127.0.0.1");
    assertThat(chain.get(1).get("previousHash").asText()).isEqualTo(chain.get(0).get("entryHash").asText());

    // The vendor registers and reads, but does not download; a legal officer does not register; a unit sees nothing.
    assertThat(http.send(request("vera", "/evidence/E1/file").GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
    assertThat(upload("lena", Multipart.evidence(), "x.bin", unique("x")).statusCode()).isEqualTo(403);
    assertThat(get(driver.officer("DE"), "/evidence").statusCode()).isEqualTo(404);
    assertThat(rows()).isEqualTo(3);
  }

  @Test
  void aWrongDeclaredHashStoresNothing() throws Exception {
    byte[] content = unique("log");
    HttpResponse<String> answer = upload("cora", Multipart.evidence().field("sha256", Hashes.sha256("something else")), "sinkhole.log", content);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(answer.body()).contains("does not match the file received", Hashes.sha256(content));
    assertThat(rows()).isZero();
    assertThat(store.contains(Hashes.sha256(content))).isFalse();
    assertThat(incoming()).isZero();

    HttpResponse<String> right = upload("cora", Multipart.evidence().field("sha256", Hashes.sha256(content).toUpperCase()), "sinkhole.log", content);
    assertThat(right.statusCode()).isEqualTo(201);
  }

  @Test
  void anOversizeUploadGets413AndStoresNothing() throws Exception {
    long limit = uploads.maxUploadBytes();
    uploads.setMaxUploadBytes(64 * 1024);
    try {
      byte[] content = new byte[200 * 1024];
      HttpResponse<String> answer = upload("cora", Multipart.evidence(), "big.img", content);
      assertThat(answer.statusCode()).isEqualTo(413);
      assertThat(answer.body()).contains("larger than the limit of 64 kB", "nothing was stored");
    } finally {
      uploads.setMaxUploadBytes(limit);
    }
    assertThat(rows()).isZero();
    assertThat(incoming()).isZero();
    // Refused or not, an upload is in the audit trail like every state-changing request.
    // (recorded as the request ends, which may be just after the client has the answer)
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
        "select actor || ' ' || action || ' ' || status from audit_event where operation = ?", String.class, ref)
        .contains("cora POST /api/operations/" + ref + "/evidence 413"));
  }

  @Test
  void anUploadCutOffHalfwayLeavesNothing() throws Exception {
    Multipart form = Multipart.evidence();
    byte[] head = form.head("half.img");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/operations/" + ref + "/evidence HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + RawHttp.basic("cora", "demo")
          + "\r\nContent-Type: " + form.contentType() + "\r\nContent-Length: " + (head.length + 4_000_000 + Multipart.tail().length)
          + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(head);
      out.write(new byte[2_000_000]);
      out.flush();
      // The half that arrived is in the incoming area...
      await().atMost(Duration.ofSeconds(10)).until(() -> incoming() > 0);
    }
    // ...and is gone once the server sees the connection end.
    await().atMost(Duration.ofSeconds(30)).until(() -> incoming() == 0);
    assertThat(rows()).isZero();
  }

  @Test
  void verificationFindsAnAlteredFileAndTheNightlyCheckRaisesOneIncident() throws Exception {
    byte[] content = unique("capture");
    assertThat(upload("cora", Multipart.evidence().field("type", "network capture").field("tlp", "TLP:RED"), "c2.pcap", content)
        .statusCode()).isEqualTo(201);
    HttpResponse<String> byReference = http.send(request("cora", "/evidence").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("description", "Seized server", "type", "DISK_IMAGE",
            "collectedBy", "BKA", "collectedAt", "2026-11-03T09:00:00+01:00", "source", "Data centre Frankfurt",
            "location", "BKA evidence room 4, shelf 2", "sha256", "ab".repeat(32), "sizeBytes", 4_000_000_000L)))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(byReference.statusCode()).as(byReference.body()).isEqualTo(201);
    assertThat(json.readTree(byReference.body()).get("externalLocation").asText()).isEqualTo("BKA evidence room 4, shelf 2");
    assertThat(get("cora", "/evidence/E2/file").statusCode()).isEqualTo(409);

    JsonNode ok = json.readTree(get("cora", "/custody/verify").body());
    assertThat(ok.get("status").asText()).isEqualTo("OK");
    assertThat(ok.get("items").asInt()).isEqualTo(2);
    assertThat(ok.get("entries").asInt()).isEqualTo(2);

    JsonNode report = json.readTree(get("cora", "/custody").body());
    assertThat(report.get("items")).hasSize(2);
    assertThat(report.at("/items/0/item/tlp").asText()).isEqualTo("TLP:RED");
    assertThat(report.at("/items/0/item/typeLabel").asText()).isEqualTo("Network capture");
    assertThat(report.at("/items/0/chain/0/typeLabel").asText()).isEqualTo("Registered");
    assertThat(report.at("/items/0/chain/0/detail").asText()).contains("Uploaded as 'c2.pcap'");
    assertThat(report.at("/items/1/chain/0/detail").asText()).contains("held at BKA evidence room 4");
    assertThat(report.at("/verification/status").asText()).isEqualTo("OK");

    Path stored = store.path(Hashes.sha256(content));
    byte[] altered = content.clone();
    altered[0] ^= 1;
    Files.write(stored, altered);
    JsonNode broken = json.readTree(get("cora", "/custody/verify").body());
    assertThat(broken.get("status").asText()).isEqualTo("BROKEN");
    assertThat(broken.at("/breaks/0/item").asText()).isEqualTo("E1");
    assertThat(broken.at("/breaks/0/problem").asText()).contains("was altered");
    assertThat(get("vera", "/custody/verify").statusCode()).isEqualTo(403);

    String instance = driver.process(ref).getId();
    nightly.run();
    nightly.run();
    var incidents = driver.engine().getRuntimeService().createIncidentQuery().processInstanceId(instance)
        .incidentType(NightlyCustodyCheck.INCIDENT_TYPE).list();
    assertThat(incidents).singleElement().satisfies(i -> assertThat(i.getIncidentMessage()).contains(ref, "item E1", "was altered"));
  }
}
