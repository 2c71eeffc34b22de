package org.takedown.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.takedown.system.Groups;
import org.takedown.assignment.NationalUnitDirectory;

/**
 * The engine's authorisations for the product's groups, granted at every start (idempotently), so
 * that the engine itself refuses what a role may not do. Task permissions are not listed here: the
 * engine grants them to a task's candidate group when the task is created, so a legal officer can
 * work on legal tasks and a unit only on its own country's tasks.
 */
@Component
public class EngineAuthorizations {

  private static final Logger log = LoggerFactory.getLogger(EngineAuthorizations.class);

  private final AuthorizationService authorizations;
  private final NationalUnitDirectory directory;

  EngineAuthorizations(AuthorizationService authorizations, NationalUnitDirectory directory) {
    this.authorizations = authorizations;
    this.directory = directory;
  }

  @Order(0)
  @EventListener(ApplicationStartedEvent.class)
  public void grant() {
    for (Resources resource : Resources.values()) {
      grant(Groups.ADMINS, resource, Permissions.ALL);
    }
    List<String> workers = new ArrayList<>(List.of(Groups.COORDINATORS, Groups.LEGAL));
    directory.all().forEach(entry -> workers.add(Groups.UNIT_PREFIX + entry.country().toLowerCase()));
    for (String group : workers) {
      grantOn(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group, Resources.FILTER, Permissions.READ);
      // Lets Tasklist show the diagram and form of a task; instances and history stay hidden.
      grant(group, Resources.PROCESS_DEFINITION, Permissions.READ);
    }
    grantOn(Groups.COORDINATORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(Groups.COORDINATORS, Resources.PROCESS_DEFINITION, Permissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY);
    grant(Groups.COORDINATORS, Resources.PROCESS_INSTANCE, Permissions.READ);
    grant(Groups.COORDINATORS, Resources.DECISION_DEFINITION, Permissions.READ);
    grant(Groups.COORDINATORS, Resources.DEPLOYMENT, Permissions.READ);
    log.info("Engine authorisations granted to {}, {} and {}", Groups.ADMINS, workers, Groups.VENDORS + " (none: vendors use the product's API only)");
  }

  private void grant(String group, Resource resource, Permission... permissions) {
    grantOn(group, resource, Authorization.ANY, permissions);
  }

  private void grantOn(String group, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(resource).resourceId(resourceId).list().stream().findFirst()
        .orElseGet(() -> {
          Authorization created = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
          created.setGroupId(group);
          created.setResource(resource);
          created.setResourceId(resourceId);
          return created;
        });
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }
}
