package org.takedown.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.PasswordManager;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The production profile refuses to start, before it serves anything, while demo data is switched
 * on, the custody signing key would be generated, or any account still has the demo password (a missing
 * custody key stops the start in evidence.CustodyKey). The check compares password hashes directly, so
 * it does not count as failed logins.
 */
@Component
@Profile("production")
class ProductionSafety {

  static final String DEMO_PASSWORD = "demo";

  ProductionSafety(ProcessEngine engine, @Value("${takedown.demo.users:false}") boolean demoUsers,
      @Value("${takedown.demo.sample-tip:false}") boolean sampleTip, @Value("${takedown.actions.secret:}") String actionSecret,
      @Value("${takedown.custody.generate-key:true}") boolean generateCustodyKey) {
    if (demoUsers || sampleTip) {
      throw new IllegalStateException("Production profile: set takedown.demo.users and takedown.demo.sample-tip to false");
    }
    if (actionSecret.isBlank() || actionSecret.startsWith("demo-")) {
      throw new IllegalStateException("Production profile: set takedown.actions.secret to a long random string of your own");
    }
    if (generateCustodyKey) {
      // A key generated beside the data is one nobody kept a copy of: custody could not be checked without this host.
      throw new IllegalStateException("Production profile: set takedown.custody.generate-key to false and name your own custody "
          + "signing key in takedown.custody.signing-key (docs/custody.md, \"Anchoring\")");
    }
    IdentityService identity = engine.getIdentityService();
    PasswordManager passwords = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getPasswordManager();
    List<String> withDemoPassword = identity.createUserQuery().list().stream()
        .map(UserEntity.class::cast)
        .filter(user -> user.getPassword() != null
            && passwords.check(EncryptionUtil.saltPassword(DEMO_PASSWORD, user.getSalt()), user.getPassword()))
        .map(UserEntity::getId).sorted().toList();
    if (!withDemoPassword.isEmpty()) {
      throw new IllegalStateException("Production profile: these accounts still have the demo password, change it in "
          + "Camunda Admin before starting in production: " + String.join(", ", withDemoPassword));
    }
  }
}
