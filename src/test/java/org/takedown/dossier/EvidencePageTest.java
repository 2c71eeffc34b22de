package org.takedown.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.system.Hashes;

/** The operation page's Evidence section: a coordinator uploads through its form, sees the item and verifies custody. */
@TakedownTest
class EvidencePageTest {

  static final String BOUNDARY = "----page-upload-boundary";

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;

  @Test
  void aCoordinatorUploadsThroughThePageAndVerifiesCustody() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    PageClient cora = PageClient.signIn(port, "cora");
    Document page = Jsoup.parse(cora.get("/operations/" + ref).body());
    assertThat(page.select("#evidence").text()).contains("No evidence registered yet.");
    String action = page.select("form.evidence-upload").attr("action");
    assertThat(action).contains("_csrf=");

    byte[] content = ("proxy log of " + ref + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> uploaded = cora.post(action, "multipart/form-data; boundary=" + BOUNDARY, body(content));
    assertThat(uploaded.statusCode()).isEqualTo(302);
    assertThat(uploaded.headers().firstValue("Location").orElseThrow()).endsWith("/operations/" + ref + "#evidence");

    Document after = Jsoup.parse(cora.get("/operations/" + ref).body());
    assertThat(after.select("#evidence .notice").text()).contains("E1 registered", Hashes.sha256(content));
    assertThat(after.select("#evidence tbody tr").eachText()).singleElement().asString()
        .contains("E1", "Proxy log <b>of</b> srv-2", "Log", Hashes.sha256(content), "In custody (1 entries)");

    Document verified = Jsoup.parse(cora.get("/operations/" + ref + "?verify=now").body());
    assertThat(verified.select("#evidence [role=status]").text()).contains("Custody verified: 1 item(s), 1 custody entries");

    // A legal officer sees the register but has no upload form.
    PageClient lena = PageClient.signIn(port, "lena");
    Document legal = Jsoup.parse(lena.get("/operations/" + ref).body());
    assertThat(legal.select("#evidence tbody tr")).hasSize(1);
    assertThat(legal.select("form.evidence-upload")).isEmpty();
  }

  private static byte[] body(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[][] fields = {{"description", "Proxy log <b>of</b> srv-2"}, {"type", "LOG"}, {"collectedBy", "Cora"},
        {"collectedAt", "2026-11-02T14:30:00Z"}, {"source", "Proxy srv-2"}, {"sha256", ""}};
    for (String[] f : fields) {
      out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1] + "\r\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"proxy.log\"\r\n"
        + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
