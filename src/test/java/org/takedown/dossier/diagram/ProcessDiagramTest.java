package org.takedown.dossier.diagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.dossier.PageSession;

/**
 * The process diagram marks where an operation stands, as a person reads it: the title of each
 * shape says its name and state. Each SVG is also saved under target/diagrams for a look.
 */
@TakedownTest
class ProcessDiagramTest {

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired ManagementService management;

  @Test
  void atTriageTheTriageStepIsCurrent() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));

    HttpResponse<String> reply = PageSession.signIn(port, "cora").get("/operations/" + ref + "/diagram.svg");

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
    assertThat(reply.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    String svg = save("joint-takedown-triage", reply.body());
    assertThat(svg).contains("role=\"img\"").contains("aria-label=\"Process diagram: Joint takedown of " + ref + "; current: Triage tip\"");
    assertThat(shape(svg, "Task_TriageTip")).contains("state-current").contains("<title>Triage tip (user task): current</title>");
    assertThat(shape(svg, "Task_AcknowledgeTip")).contains("<title>Acknowledge tip (service task): completed</title>");
    assertThat(shape(svg, "CallActivity_LegalReview")).contains("<title>Legal review (call activity)</title>").doesNotContain("state-");
    assertThat(flow(svg, "Flow_AcknowledgementSent")).contains("flow-taken");
    assertThat(flow(svg, "Flow_TriageOpen")).doesNotContain("flow-taken");
    assertThat(svg).contains("<title>Legend</title>");
  }

  @Test
  void completedStepsAreShadedAsTheProcessAdvances() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE")));
    PageSession cora = PageSession.signIn(port, "cora");

    String main = save("joint-takedown-assignment", cora.get("/operations/" + ref + "/diagram.svg").body());
    assertThat(shape(main, "Task_TriageTip")).contains("state-completed").contains("<title>Triage tip (user task): completed</title>");
    assertThat(shape(main, "CallActivity_LegalReview")).contains("<title>Legal review (call activity): completed</title>");
    assertThat(shape(main, "CallActivity_NationalAssignment")).contains("<title>National assignment (call activity): current</title>");
    assertThat(shape(main, "EndEvent_TipRejected")).doesNotContain("state-");

    String legal = save("legal-review", cora.get("/operations/" + ref + "/diagram.svg?process=legal").body());
    assertThat(shape(legal, "Task_LegalReview")).contains("<title>Legal review (user task): completed</title>");

    String assignment = save("national-assignment", cora.get("/operations/" + ref + "/diagram.svg?country=de").body());
    assertThat(assignment).contains("of " + ref + " for Germany (DE)");
    assertThat(shape(assignment, "Task_RespondToAssignment")).contains("<title>Respond to assignment (user task): current</title>");
    assertThat(shape(assignment, "Task_ResolveNationalUnit")).contains("state-completed");

    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    String evidence = save("evidence-handover", cora.get("/operations/" + ref + "/diagram.svg?country=DE&process=evidence").body());
    assertThat(shape(evidence, "Task_PrepareEvidencePackage")).contains("<title>Prepare evidence package (user task): current</title>");
    String answered = cora.get("/operations/" + ref + "/diagram.svg?country=DE").body();
    assertThat(shape(answered, "EndEvent_Accepted")).contains("<title>Country accepted (end event): completed</title>");
    assertThat(shape(answered, "Task_RespondToAssignment")).contains("<title>Respond to assignment (user task): completed</title>");
  }

  @Test
  void aFailedStepShowsAsAnIncidentInRed() {
    // A vendor without an email address: recording the triage decision (it tells the vendor) fails until its retries run out.
    String vendor = "vendor-without-address-diagram";
    var identity = driver.engine().getIdentityService();
    var user = identity.newUser(vendor);
    user.setEmail("desk@vendor.example");
    identity.saveUser(user);
    identity.createMembership(vendor, "vendors");
    Map<String, Object> tip = tip("TLP:AMBER", list("DE"));
    tip.put("vendor", vendor);
    String ref = driver.submit(tip);
    user = identity.createUserQuery().userId(vendor).singleResult();
    user.setEmail(null);
    identity.saveUser(user);
    driver.completeOnly("cora", driver.task(ref, "Task_TriageTip"), vars("triageDecision", "REJECT", "triageNote", "out of scope"));
    Job job = management.createJobQuery().processInstanceId(driver.process(ref).getId()).activityId("Task_RecordTriageDecision").singleResult();
    while (management.createJobQuery().jobId(job.getId()).singleResult().getRetries() > 0) {
      assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("has no member with an email address");
    }
    PageSession cora = PageSession.signIn(port, "cora");

    String svg = save("joint-takedown-incident", cora.get("/operations/" + ref + "/diagram.svg").body());
    assertThat(shape(svg, "Task_RecordTriageDecision")).contains("state-incident")
        .contains("<title>Record triage decision (service task): current, incident</title>").contains("stroke=\"" + SvgDiagram.INCIDENT + "\"");
    assertThat(svg).contains("; current: Record triage decision; 1 incident");
  }

  @Test
  void namesAreEscaped() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("escaping").name("x")
        .startEvent("StartEvent_1").name("Start & <go>")
        .userTask("Task_1").name("<script>alert('x')</script> \"quoted\"")
        .endEvent("EndEvent_1").name("Done")
        .done();

    String svg = SvgDiagram.render(model, new DiagramState(java.util.Set.of("Task_1"), java.util.Set.of("StartEvent_1"),
        java.util.Set.of(), java.util.Set.of()), "Diagram of <b>\"x\"</b>");

    assertThat(svg).doesNotContain("<script").doesNotContain("<go>").doesNotContain("<b>");
    assertThat(svg).contains("<title>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;quoted&quot; (user task): current</title>")
        .contains("<title>Start &amp; &lt;go&gt; (start event): completed</title>")
        .contains("aria-label=\"Diagram of &lt;b&gt;&quot;x&quot;&lt;/b&gt;\"");
  }

  @Test
  void aForbiddenOperationOrAnUnknownCountryIsNotFound() {
    driver.user("victor", "vendors");
    Map<String, Object> victors = tip("TLP:RED", list("DE"));
    victors.put("vendor", "victor");
    String ref = driver.submit(victors);

    HttpResponse<String> vera = PageSession.signIn(port, "vera").get("/operations/" + ref + "/diagram.svg");
    assertThat(vera.statusCode()).isEqualTo(404);
    assertThat(vera.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(vera.body()).contains("No operation " + ref).doesNotContain("<svg");

    PageSession cora = PageSession.signIn(port, "cora");
    HttpResponse<String> france = cora.get("/operations/" + ref + "/diagram.svg?country=FR");
    assertThat(france.statusCode()).isEqualTo(404);
    assertThat(france.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(france.body()).contains(ref + " has no national assignment for country FR");
    assertThat(cora.get("/operations/" + ref + "/diagram.svg?country=DE&process=evidence").statusCode()).isEqualTo(404);
    assertThat(cora.get("/operations/OP-1999-9999/diagram.svg").statusCode()).isEqualTo(404);

    HttpResponse<String> badProcess = cora.get("/operations/" + ref + "/diagram.svg?process=cockpit");
    assertThat(badProcess.statusCode()).isEqualTo(400);
    assertThat(badProcess.body()).contains("use main, legal, assignment (with country) or evidence (with country)");
  }

  /** The group drawn for one BPMN element, up to its closing tag. */
  static String shape(String svg, String elementId) {
    Matcher m = Pattern.compile("<g class=\"shape [^\"]*\" data-element-id=\"" + Pattern.quote(elementId) + "\">.*?</g>", Pattern.DOTALL).matcher(svg);
    assertThat(m.find()).as("shape of " + elementId).isTrue();
    return m.group();
  }

  static String flow(String svg, String elementId) {
    Matcher m = Pattern.compile("<g class=\"flow[^\"]*\" data-element-id=\"" + Pattern.quote(elementId) + "\">").matcher(svg);
    assertThat(m.find()).as("flow " + elementId).isTrue();
    return m.group();
  }

  private static String save(String name, String svg) {
    try {
      Path dir = Path.of("target", "diagrams");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".svg"), svg);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return svg;
  }
}
