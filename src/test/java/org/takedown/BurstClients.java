package org.takedown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.takedown.system.Hashes;

/**
 * The people of a burst of operations, over HTTP only, as they would act: the vendor posts tips,
 * coordinators triage, prepare packages and record outcomes, a legal officer approves, and the units
 * of DE and FR press the links of the mails they received. Each step is taken only when the
 * operation waits for it (its task is open), so the same code drives operations before a crash and
 * finishes them after the restart. Every state-changing request is noted: answered 2xx, or cut off by
 * the crash.
 */
final class BurstClients {

  static final List<String> COUNTRIES = List.of("DE", "FR");
  static final Map<String, String> UNIT_EMAIL = Map.of("DE", "so4@de.units.example", "FR", "ofac@fr.units.example");
  static final Pattern LINK = Pattern.compile("^(.+?)\\h?: \u2066?(https?://[^\\s\u2069]+/partner/actions/[^\\s\u2069]+)\u2069?$", Pattern.MULTILINE);

  /** One operation and what its people did to it. */
  static final class Tracked {
    final String reference;
    /** Actions answered 2xx, in order; the tip is the first. */
    final List<String> acknowledged = new CopyOnWriteArrayList<>();
    /** The state-changing request sent and not yet answered; after the crash, the one the crash cut off. */
    volatile String inFlight;

    Tracked(String reference, String tip) {
      this.reference = reference;
      acknowledged.add(tip);
    }

    @Override
    public String toString() {
      return reference + acknowledged + (inFlight == null ? "" : " cut off: " + inFlight);
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final GreenMail mail;
  private volatile int port;
  final List<Tracked> operations = new CopyOnWriteArrayList<>();
  final AtomicInteger actions = new AtomicInteger();
  final AtomicInteger tipsCutOff = new AtomicInteger();
  final List<String> refusals = new CopyOnWriteArrayList<>();

  BurstClients(GreenMail mail, int port) {
    this.mail = mail;
    this.port = port;
  }

  void port(int port) {
    this.port = port;
  }

  /** Posts a tip as the vendor; the operation is tracked once answered 201. */
  Tracked submit() throws IOException, InterruptedException {
    byte[] tip = json.writeValueAsBytes(Map.of(
        "title", "C2 servers of a banking trojan",
        "summary", "Three C2 servers seen in our telemetry.",
        "tlp", "TLP:AMBER", "pap", "PAP:GREEN",
        "countries", COUNTRIES,
        "indicators", List.of(Map.of("type", "ipv4-addr", "value", "198.51.100.1"))));
    HttpResponse<String> response;
    try {
      response = send(request("/api/tips", "vera").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(tip)).build());
    } catch (IOException e) {
      tipsCutOff.incrementAndGet();
      throw e;
    }
    if (response.statusCode() != 201) {
      refusals.add("tip: " + response.statusCode() + " " + response.body());
      return null;
    }
    String location = response.headers().firstValue("Location").orElseThrow();
    Tracked operation = new Tracked(location.substring(location.lastIndexOf('/') + 1), "tip");
    operations.add(operation);
    actions.incrementAndGet();
    return operation;
  }

  /** An operation nobody here submitted (its tip was cut off by the crash and yet committed), taken over. */
  Tracked adopt(String reference) {
    Tracked operation = new Tracked(reference, "tip (cut off, committed)");
    operations.add(operation);
    return operation;
  }

  /** What {@link #advance} found. */
  enum Progress { STEPPED, WAITING, CLOSED }

  /**
   * Takes one step the operation waits for now (its task is open, and for a unit the mail with the
   * link has come); WAITING while it waits for the job executor.
   */
  Progress advance(Tracked operation) throws IOException, InterruptedException {
    String ref = operation.reference;
    JsonNode tasks = getJson("/engine-rest/task?processInstanceBusinessKey=" + ref, "admin");
    if (tasks.isEmpty()) {
      return "CLOSED".equals(stage(operation)) ? Progress.CLOSED : Progress.WAITING;
    }
    for (JsonNode task : tasks) {
      String id = task.path("id").asText();
      boolean stepped = switch (task.path("taskDefinitionKey").asText()) {
        case "Task_TriageTip" -> complete(operation, "triage", id, "cora", Map.of(
            "triageDecision", Map.of("value", "OPEN"),
            "countries", Map.of("value", json.writeValueAsString(COUNTRIES), "type", "Json")));
        case "Task_LegalReview" -> complete(operation, "legal review", id, "lena", Map.of(
            "legalDecision", Map.of("value", "APPROVE"), "legalBasis", Map.of("value", "Art. 4 mandate"),
            "releaseTlp", Map.of("value", "TLP:AMBER")));
        case "Task_RespondToAssignment" -> pressLink(operation, country(task), "Accept the assignment", "note=on+it");
        case "Task_PrepareEvidencePackage" -> getJson("/api/operations/" + ref + "/evidence", "cora").isEmpty()
            ? upload(operation)
            : complete(operation, "package " + country(task), id, "cora", Map.of("evidenceItems", Map.of("value", "[\"E1\"]", "type", "Json")));
        case "Task_ConfirmReceipt" -> pressLink(operation, country(task), "Confirm receipt of the evidence",
            "sha256=" + Hashes.sha256(evidence(ref)));
        case "Task_ReportResults" -> pressLink(operation, country(task), "Report your results", "complete=true", "/results");
        case "Task_RecordOutcome" -> complete(operation, "outcome", id, "cora", Map.of(
            "outcomeSummary", Map.of("value", "Servers seized in DE and FR"),
            "outcomes", Map.of("value", "DE: 4 servers seized\nFR: 2 domains sinkholed")));
        default -> throw new AssertionError(ref + " waits at an unexpected task: " + task);
      };
      if (stepped) {
        return Progress.STEPPED; // one step at a time: the next may depend on it
      }
    }
    return Progress.WAITING;
  }

  String stage(Tracked operation) throws IOException, InterruptedException {
    return getJson("/api/operations/" + operation.reference, "cora").path("stage").asText();
  }

  /** The file each operation registers as its evidence item E1: its content is known from the reference alone. */
  static byte[] evidence(String reference) {
    return ("Sinkhole log of " + reference + "\n").repeat(200).getBytes(StandardCharsets.UTF_8);
  }

  private String country(JsonNode task) throws IOException, InterruptedException {
    return getJson("/engine-rest/process-instance/" + task.path("processInstanceId").asText() + "/variables/country", "admin")
        .path("value").asText();
  }

  private boolean complete(Tracked operation, String action, String taskId, String user, Map<String, Object> variables)
      throws IOException, InterruptedException {
    return act(operation, action, request("/engine-rest/task/" + taskId + "/complete", user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of("variables", variables)))).build());
  }

  /** The unit presses a link of the latest mail about the operation that carries one; false while no such mail has come. */
  private boolean pressLink(Tracked operation, String country, String label, String form) throws IOException, InterruptedException {
    return pressLink(operation, country, label, form, "");
  }

  /** {@code page}: the page of the link that takes the form ("/results"), or "" for the link itself. */
  private boolean pressLink(Tracked operation, String country, String label, String form, String page) throws IOException, InterruptedException {
    String link = latestLink(UNIT_EMAIL.get(country), operation.reference, label);
    if (link == null) {
      return false;
    }
    return act(operation, label + " " + country, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + URI.create(link).getRawPath() + page))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  private boolean upload(Tracked operation) throws IOException, InterruptedException {
    String boundary = "----crash-test-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> fields = Map.of("description", "Sinkhole log of the C2 domains", "type", "log",
        "collectedBy", "Vera Vendor", "collectedAt", "2026-11-02T14:30:00Z", "source", "Sinkhole 3, Frankfurt");
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
        + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sinkhole.log\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(evidence(operation.reference));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return act(operation, "evidence E1", request("/api/operations/" + operation.reference + "/evidence", "cora")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  /** Sends a state-changing request; noted as in flight until answered, and as acknowledged when answered 2xx. */
  private boolean act(Tracked operation, String action, HttpRequest request) throws IOException, InterruptedException {
    operation.inFlight = action;
    HttpResponse<String> response = send(request); // an IOException leaves the action in flight: the crash cut it off
    operation.inFlight = null;
    if (response.statusCode() / 100 != 2) {
      // not taken (e.g. a collision with a job on the same instance): the operation still waits for it
      refusals.add(operation.reference + " " + action + ": " + response.statusCode() + " " + response.body());
      return false;
    }
    operation.acknowledged.add(action);
    actions.incrementAndGet();
    return true;
  }

  /** The link with that label in the latest mail to the unit about the operation, as a mail client shows it. */
  private String latestLink(String address, String reference, String label) {
    String found = null;
    for (MimeMessage message : mail.getReceivedMessagesForDomain(address.substring(address.indexOf('@') + 1))) {
      try {
        if (!message.getSubject().contains(reference) || !addressedTo(message, address)) {
          continue;
        }
        Matcher link = LINK.matcher(MailBox.text(message, "text/plain"));
        while (link.find()) {
          if (MailBox.labels(label).contains(link.group(1).strip())) { // France's unit reads its buttons in French
            found = link.group(2); // later mails replace the links of earlier ones
          }
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return found;
  }

  private static boolean addressedTo(MimeMessage message, String address) throws MessagingException {
    for (var recipient : message.getRecipients(Message.RecipientType.TO)) {
      if (recipient.toString().equals(address)) {
        return true;
      }
    }
    return false;
  }

  JsonNode getJson(String path, String user) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path, user);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " as " + user + ": " + response.statusCode() + " " + response.body());
    }
    return json.readTree(response.body());
  }

  HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
    return send(request(path, user).GET().build());
  }

  HttpResponse<byte[]> getBytes(String path, String user) throws IOException, InterruptedException {
    return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder request(String path, String user) {
    String credentials = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Basic " + credentials);
  }
}
