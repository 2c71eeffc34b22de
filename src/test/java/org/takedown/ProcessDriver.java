package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import java.time.Instant;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.evidence.EvidenceFacts;
import org.takedown.evidence.EvidenceRegister;
import org.takedown.evidence.EvidenceType;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.tip.TipRequest;
import org.takedown.system.Hashes;
import org.takedown.system.ProcessJson;
import org.takedown.tip.TipService;
import org.takedown.organisation.VendorOrganisations;
import org.takedown.system.Groups;

/**
 * Drives operations through the real engine and services the way users would: submits tips,
 * completes tasks as a named user, and executes the jobs that the (disabled) job executor would run.
 * Imported by {@link TakedownTest} only, so that no other application context picks it up.
 */
public class ProcessDriver {

  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final IdentityService identity;
  private final TipService tips;
  private final OperationService operations;
  private final EvidenceRegister evidence;
  private final NationalAssignmentService assignments;
  private final VendorOrganisations organisations;
  private final ObjectMapper json = new ObjectMapper();

  ProcessDriver(ProcessEngine engine, TipService tips, OperationService operations, EvidenceRegister evidence,
      NationalAssignmentService assignments, VendorOrganisations organisations) {
    this.organisations = organisations;
    this.evidence = evidence;
    this.assignments = assignments;
    this.engine = engine;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
    this.identity = engine.getIdentityService();
    this.tips = tips;
    this.operations = operations;
    AbstractAssertions.init(engine);
  }

  public static Map<String, Object> tip(String tlp, List<String> countries) {
    Map<String, Object> tip = new HashMap<>();
    tip.put("title", "C2 servers of a banking trojan");
    tip.put("summary", "Three C2 servers seen in our telemetry.");
    tip.put("tlp", tlp);
    tip.put("pap", "PAP:GREEN");
    tip.put("countries", countries);
    tip.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", "198.51.100.1"),
        Map.of("type", "domain-name", "value", "c2.example.net")));
    tip.put("vendor", "vera");
    return tip;
  }

  /** Submits a tip and runs the acknowledgement, so the operation waits at triage. */
  public String submit(Map<String, Object> tip) {
    String reference = submitOnly(tip);
    runJobs(reference);
    return reference;
  }

  /** Submits a tip and leaves its asynchronous steps to the test. */
  public String submitOnly(Map<String, Object> tip) {
    try {
      byte[] payload = json.writeValueAsBytes(tip);
      String vendor = (String) tip.getOrDefault("vendor", "vera");
      String submitter = organisations.exists(vendor) ? "vera" : vendor;
      Operation operation = tips.submit(payload, "application/json", json.readValue(payload, TipRequest.class), submitter,
          organisation(vendor));
      return operation.getReference();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A submitted tip opened at triage: the operation waits for its legal review. */
  public String openForLegalReview(Map<String, Object> tip) {
    String reference = submit(tip);
    complete("cora", reference, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", tip.get("countries")));
    return reference;
  }

  /**
   * An operation waiting for its legal review whose one country has no unit in the directory, as when the unit was
   * taken out of the directory after triage (triage itself refuses such a country): the coordinators decide.
   */
  public String openForLegalReviewWithoutUnit(Map<String, Object> tip, String country) {
    String reference = openForLegalReview(tip);
    runtime.setVariable(process(reference).getId(), "countries", ProcessJson.json(List.of(country)));
    assignments.settleCountries(operation(reference), List.of(country));
    return reference;
  }

  /** An operation approved by a legal officer (standard review): its countries have been asked. */
  public String approveForAssignment(Map<String, Object> tip) {
    String reference = openForLegalReview(tip);
    complete("lena", reference, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", tip.get("tlp")));
    runJobs(reference);
    return reference;
  }

  /**
   * Registers items by reference (held elsewhere, so nothing is stored) in the operation's evidence register, as a
   * coordinator would before preparing a package; each item's SHA-256 is that of its description. Returns the labels.
   */
  public List<String> registerEvidence(String reference, String... descriptions) {
    List<String> labels = new ArrayList<>();
    for (String description : descriptions) {
      EvidenceFacts facts = new EvidenceFacts(description, EvidenceType.DISK_IMAGE, null, "Vera Vendor", Instant.parse("2026-11-01T10:00:00Z"), "C2 server seized by the vendor");
      labels.add(evidence.registerReference(reference, facts, "Vendor lab, locker 7", Hashes.sha256(description), 1_200_000_000L + description.length(), "cora", "203.0.113.9").label());
    }
    return labels;
  }

  /** The package of the labels as the prepare form sends it: ["E1","E2"]. */
  public static String evidencePackage(List<String> labels) {
    return "[" + String.join(",", labels.stream().map(l -> "\"" + l + "\"").toList()) + "]";
  }

  /** What a unit reports on receipt when every hash it computed matches: {"E1":"<sha>",...}. */
  public String matchingHashes(String reference, List<String> labels) {
    Map<String, String> hashes = new java.util.LinkedHashMap<>();
    labels.forEach(label -> hashes.put(label, evidence.item(reference, Integer.parseInt(label.substring(1))).getSha256()));
    try {
      return json.writeValueAsString(hashes);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The unit of a country that confirmed receipt says its results are complete (Task_ReportResults), as its officer in
   * Tasklist would, so that the country's handover ends and the operation can go on to its outcome.
   */
  public void completeResults(String reference, String country) {
    complete(officer(country), task(reference, "Task_ReportResults", country), vars("resultsComplete", true));
  }

  public Operation operation(String reference) {
    return operations.get(reference);
  }

  public ProcessInstance process(String reference) {
    return instance(reference, "joint-takedown", null);
  }

  /** The called instance of a model for one operation (and one country, for the per-country models). */
  public ProcessInstance called(String reference, String definitionKey, String country) {
    return instance(reference, definitionKey, country);
  }

  private ProcessInstance instance(String reference, String definitionKey, String country) {
    var query = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).processDefinitionKey(definitionKey);
    if (country != null) {
      query.variableValueEquals("country", country);
    }
    List<ProcessInstance> found = query.list();
    assertThat(found).as("running %s instance of %s %s", definitionKey, reference, country == null ? "" : country).hasSize(1);
    return found.get(0);
  }

  public Task task(String reference, String key) {
    List<Task> found = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).list();
    assertThat(found).as("open task %s of %s", key, reference).hasSize(1);
    return found.get(0);
  }

  public Task task(String reference, String key, String country) {
    List<Task> found = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key)
        .processVariableValueEquals("country", country).list();
    assertThat(found).as("open task %s of %s %s", key, reference, country).hasSize(1);
    return found.get(0);
  }

  public List<Task> openTasks(String reference) {
    return tasks.createTaskQuery().processInstanceBusinessKey(reference).list();
  }

  /** An officer of a country's national unit (group unit-<cc>), created on first use. */
  public String officer(String country) {
    return user("officer-" + country.toLowerCase(), "unit-" + country.toLowerCase());
  }

  /** A user with the password "demo" in the given group, created on first use. */
  /** The vendor organisation a tip of this vendor user (or organisation id) belongs to: vera's is aegis. */
  public String organisation(String vendor) {
    return organisations.exists(vendor) ? vendor : organisations.of(vendor).orElse(vendor);
  }

  /**
   * A user in the group; a user of the vendors group that belongs to no organisation becomes one of its own id, as the
   * adoption at start makes it (the demo's victor is Bluefin Security's already).
   */
  public String user(String id, String group) {
    if (identity.createGroupQuery().groupId(group).count() == 0) {
      identity.saveGroup(identity.newGroup(group));
    }
    if (identity.createUserQuery().userId(id).count() == 0) {
      var user = identity.newUser(id);
      user.setPassword("demo");
      user.setEmail(id + "@takedown.example");
      identity.saveUser(user);
    }
    if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
      identity.createMembership(id, group);
    }
    if (Groups.VENDORS.equals(group) && organisations.of(id).isEmpty()) {
      organisations.adoptUser(id);
    }
    return id;
  }

  /**
   * Completes a task as the given user with the user's groups, as Tasklist does after sign-in, then
   * runs the asynchronous steps that follow (sending notices), as the job executor would.
   */
  public void complete(String user, Task task, Map<String, Object> variables) {
    String reference = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult().getBusinessKey();
    completeOnly(user, task, variables);
    runJobs(reference);
  }

  /** Completes a task and leaves the jobs that follow to the test. */
  public void completeOnly(String user, Task task, Map<String, Object> variables) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList());
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  public void complete(String user, String reference, String key, Map<String, Object> variables) {
    complete(user, task(reference, key), variables);
  }

  public void complete(String user, String reference, String key, String country, Map<String, Object> variables) {
    complete(user, task(reference, key, country), variables);
  }

  /** Executes every due asynchronous step of the operation (not timers), until none is left. */
  public void runJobs(String reference) {
    for (int round = 0; round < 100; round++) {
      List<Job> due = management.createJobQuery().messages().executable().list().stream()
          .filter(job -> reference.equals(businessKey(job))).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new AssertionError("Jobs of " + reference + " keep coming after 100 rounds");
  }

  public List<Job> jobs(String reference) {
    return management.createJobQuery().list().stream().filter(job -> reference.equals(businessKey(job))).toList();
  }

  /** Fires the timers at an activity of the operation as if their time had come, then runs what follows. */
  public int fireTimers(String reference, String timerActivityId) {
    List<Job> timers = management.createJobQuery().timers().activityId(timerActivityId).list().stream()
        .filter(job -> reference.equals(businessKey(job))).toList();
    timers.forEach(job -> management.executeJob(job.getId()));
    runJobs(reference);
    return timers.size();
  }

  public void correlate(String reference, String message, Map<String, Object> variables) {
    runtime.createMessageCorrelation(message).processInstanceBusinessKey(reference).setVariables(variables).correlate();
    runJobs(reference);
  }

  public ProcessEngine engine() {
    return engine;
  }

  private String businessKey(Job job) {
    if (job.getProcessInstanceId() == null) {
      return null;
    }
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(job.getProcessInstanceId()).singleResult();
    return instance == null ? null : instance.getBusinessKey();
  }

  public static Map<String, Object> vars(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  public static List<String> list(String... items) {
    return new ArrayList<>(List.of(items));
  }
}
