package org.takedown.evidence;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A multipart/form-data body as curl -F sends it: the fields, then one file part whose bytes come from a stream. */
final class Multipart {

  static final String BOUNDARY = "----takedown-test-boundary-7MA4YWxkTrZu0gW";

  final Map<String, String> fields = new LinkedHashMap<>();

  static Multipart evidence() {
    Multipart body = new Multipart();
    body.fields.put("description", "Disk image of the C2 server");
    body.fields.put("type", "disk-image");
    body.fields.put("collectedBy", "Vera Vendor, incident response");
    body.fields.put("collectedAt", "2026-11-02T14:30:00Z");
    body.fields.put("source", "Hosting provider, rack 12");
    return body;
  }

  Multipart field(String name, String value) {
    fields.put(name, value);
    return this;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + BOUNDARY;
  }

  /** Everything before the file's bytes. The file name is sent as the raw UTF-8 bytes browsers and curl send. */
  byte[] head(String fileName) {
    StringBuilder text = new StringBuilder();
    fields.forEach((name, value) -> text.append("--").append(BOUNDARY).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
    text.append("--").append(BOUNDARY).append("\r\n")
        .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(fileName.replace("\"", "%22")).append("\"\r\n")
        .append("Content-Type: application/octet-stream\r\n\r\n");
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] tail() {
    return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
  }

  byte[] body(String fileName, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head(fileName));
    out.writeBytes(content);
    out.writeBytes(tail());
    return out.toByteArray();
  }

  /** A streamed body of known length: the file's bytes are never held whole. */
  HttpRequest.BodyPublisher publisher(String fileName, long fileSize, Supplier<InputStream> file) {
    byte[] head = head(fileName);
    byte[] tail = tail();
    return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
        Collections.enumeration(List.of(new java.io.ByteArrayInputStream(head), file.get(), new java.io.ByteArrayInputStream(tail)))))
        , head.length + fileSize + tail.length);
  }
}
