package org.takedown.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.takedown.assignment.NationalUnitDirectory;
import org.takedown.operation.OperationRepository;
import org.takedown.organisation.VendorOrganisations;
import org.takedown.system.Groups;
import org.takedown.tip.TipRequest;
import org.takedown.tip.TipService;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo configuration: users and groups of the brief, and one sample tip on the first start, so
 * that a newcomer finds a triage task waiting in Tasklist. Both are off unless config/application.yml
 * turns them on.
 */
@Component
class DemoData {

  static final String PASSWORD = "demo";
  static final String AEGIS = "aegis";
  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  private final IdentityService identity;
  private final NationalUnitDirectory directory;
  private final OperationRepository operations;
  private final TipService tips;
  private final ObjectMapper json;
  private final VendorOrganisations organisations;
  private final boolean users;
  private final boolean sampleTip;

  DemoData(IdentityService identity, NationalUnitDirectory directory, OperationRepository operations, TipService tips,
      ObjectMapper json, VendorOrganisations organisations, @Value("${takedown.demo.users:false}") boolean users,
      @Value("${takedown.demo.sample-tip:false}") boolean sampleTip) {
    this.identity = identity;
    this.directory = directory;
    this.operations = operations;
    this.tips = tips;
    this.json = json;
    this.organisations = organisations;
    this.users = users;
    this.sampleTip = sampleTip;
  }

  /** After {@link VendorOrganisations#adopt}, so that an older demo database's vendor users keep their own organisations. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(1)
  void load() {
    if (users) {
      createUsers();
    }
    if (sampleTip && operations.count() == 0) {
      try {
        submitSampleTip();
      } catch (IOException | RuntimeException e) {
        // Only a convenience for newcomers: the product runs on without it.
        log.warn("The demo sample tip could not be submitted; the product runs on without it", e);
      }
    }
  }

  private void createUsers() {
    group("coordinators", "Fusion-centre coordinators", "WORKFLOW");
    group("legal", "Legal officers", "WORKFLOW");
    group("vendors", "Security vendors", "WORKFLOW");
    group("camunda-admin", "Administrators", "SYSTEM");
    directory.all().forEach(entry -> group("unit-" + entry.country().toLowerCase(), entry.unit().name(), "WORKFLOW"));
    user("cora", "Cora", "Coordinator", "coordinators");
    user("lena", "Lena", "Legal", "legal");
    user("leon", "Leon", "Legal", "legal");
    user("admin", "Ada", "Admin", "camunda-admin");
    // Two vendor organisations of two analysts each, so that sharing between and within them can be tried.
    organisation(AEGIS, "Aegis Threat Research", user("vera", "Vera", "Vendor", "vendors"), user("vince", "Vince", "Varga", "vendors"));
    organisation("bluefin", "Bluefin Security", user("victor", "Victor", "Vance", "vendors"), user("bea", "Bea", "Blom", "vendors"));
    log.warn("DEMO CREDENTIALS ARE ACTIVE: users cora, lena, leon, vera, vince, victor, bea and admin have the password '{}'. "
        + "Set takedown.demo.users=false and create real users before any real use.", PASSWORD);
  }

  private void group(String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  /** The organisation with these members, unless a member already belongs to one (an older demo database's adoption). */
  private void organisation(String id, String name, String... members) {
    if (!organisations.exists(id)) {
      organisations.create(id, name, "demo");
    }
    for (String member : members) {
      if (identity.createGroupQuery().groupMember(member).list().stream().noneMatch(g -> g.getId().startsWith(Groups.VENDOR_PREFIX))) {
        organisations.addMember(id, member, "demo");
      }
    }
  }

  private String user(String id, String first, String last, String... groups) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(first);
      user.setLastName(last);
      user.setEmail(id + "@takedown.example");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
    }
    for (String group : List.of(groups)) {
      if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
        identity.createMembership(id, group);
      }
    }
    return id;
  }

  private void submitSampleTip() throws IOException {
    byte[] payload;
    try (InputStream in = new ClassPathResource("demo/sample-tip.json").getInputStream()) {
      payload = in.readAllBytes();
    }
    var operation = tips.submit(payload, "application/json", json.readValue(payload, TipRequest.class), AEGIS, "vera");
    log.info("Sample tip submitted as {}: sign in to Tasklist as cora to triage it", operation.getReference());
  }
}
