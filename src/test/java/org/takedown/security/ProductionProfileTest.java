package org.takedown.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.TakedownApplication;
import org.takedown.evidence.CustodyKey;

/**
 * The production profile starts only without demo data, without the demo password on any account, and with a custody
 * signing key of the operator's own.
 */
class ProductionProfileTest {

  @TempDir Path data;

  private ConfigurableApplicationContext start(String profile, String... extra) {
    String[] args = {
        "--spring.profiles.active=" + profile,
        "--spring.datasource.url=jdbc:h2:file:" + data.resolve("takedown").toAbsolutePath(),
        "--server.port=0",
        "--camunda.bpm.process-engine-name=productionTest",
        "--camunda.bpm.webapp.enabled=false",
        "--camunda.bpm.job-execution.enabled=false",
        "--takedown.demo.sample-tip=false",
        "--takedown.mail.embedded.smtp-port=0",
        "--takedown.mail.embedded.imap-port=0",
        "--takedown.evidence.store=" + data.resolve("evidence").toAbsolutePath(),
        "--takedown.custody.signing-key=" + key(),
        "--takedown.actions.secret=" + (profile.equals("production") ? "a-production-secret-of-at-least-32-chars" : "demo-secret-of-at-least-32-characters")};
    // An extra argument replaces the default of the same name (repeated arguments would be joined).
    Map<String, String> all = new LinkedHashMap<>();
    for (String arg : args) {
      all.put(arg.substring(0, arg.indexOf('=')), arg);
    }
    for (String arg : extra) {
      all.put(arg.substring(0, arg.indexOf('=')), arg);
    }
    return new SpringApplicationBuilder(TakedownApplication.class).run(all.values().toArray(String[]::new));
  }

  /** A key of the operator's own, made before the first start. */
  private String key() {
    Path key = data.resolve("custody-signing-key.pem");
    if (!Files.exists(key)) {
      CustodyKey.generate(key);
    }
    return key.toAbsolutePath().toString();
  }

  @Test
  void refusesToStartWithoutACustodySigningKey() {
    String missing = data.resolve("no-such-key.pem").toAbsolutePath().toString();
    assertThatThrownBy(() -> start("production", "--takedown.custody.signing-key=" + missing))
        .hasStackTraceContaining("takedown.custody.signing-key: there is no custody signing key at " + missing);
    assertThatThrownBy(() -> start("production", "--takedown.custody.generate-key=true"))
        .hasStackTraceContaining("Production profile: set takedown.custody.generate-key to false");
    assertThat(Files.exists(Path.of(missing))).isFalse();

    // The demo generates one where it is told to, outside the database.
    try (ConfigurableApplicationContext demo = start("default", "--takedown.demo.users=true", "--takedown.custody.signing-key=" + missing)) {
      assertThat(Files.exists(Path.of(missing))).isTrue();
      assertThat(demo.getBean(CustodyKey.class).id()).hasSize(16);
    }
  }

  @Test
  void refusesDemoUsersAndTheDemoPassword() {
    assertThatThrownBy(() -> start("production", "--takedown.demo.users=true"))
        .hasStackTraceContaining("set takedown.demo.users and takedown.demo.sample-tip to false");
    assertThatThrownBy(() -> start("production", "--takedown.actions.secret=demo-only-action-link-secret-change-me-0123456789"))
        .hasStackTraceContaining("set takedown.actions.secret to a long random string");

    try (ConfigurableApplicationContext demo = start("default", "--takedown.demo.users=true")) {
      assertThat(demo.getBean(IdentityService.class).checkPassword("cora", "demo")).isTrue();
    }
    assertThatThrownBy(() -> start("production"))
        .hasStackTraceContaining("these accounts still have the demo password")
        .hasStackTraceContaining("admin, bea, cora, lena, leon, vera, victor, vince");

    try (ConfigurableApplicationContext demo = start("default", "--takedown.demo.users=false")) {
      IdentityService identity = demo.getBean(IdentityService.class);
      for (String user : new String[] {"admin", "bea", "cora", "lena", "leon", "vera", "victor", "vince"}) {
        var account = identity.createUserQuery().userId(user).singleResult();
        account.setPassword("a-real-passphrase-for-" + user);
        identity.saveUser(account);
      }
    }
    try (ConfigurableApplicationContext production = start("production")) {
      assertThat(production.isRunning()).isTrue();
    }
  }
}
