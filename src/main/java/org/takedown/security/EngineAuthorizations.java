package org.takedown.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
 * The engine's authorisations for the product's groups, checked at every start and written where missing, so
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
    List<Grant> grants = new ArrayList<>();
    for (Resources resource : Resources.values()) {
      grants.add(new Grant(Groups.ADMINS, resource, Authorization.ANY, Permissions.ALL));
    }
    List<String> workers = new ArrayList<>(List.of(Groups.COORDINATORS, Groups.LEGAL));
    directory.all().forEach(entry -> workers.add(Groups.UNIT_PREFIX + entry.country().toLowerCase()));
    for (String group : workers) {
      grants.add(new Grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS));
      grants.add(new Grant(group, Resources.FILTER, Authorization.ANY, Permissions.READ));
      // Lets Tasklist show the diagram and form of a task; instances and history stay hidden.
      grants.add(new Grant(group, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ));
    }
    grants.add(new Grant(Groups.COORDINATORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
    grants.add(new Grant(Groups.COORDINATORS, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY));
    grants.add(new Grant(Groups.COORDINATORS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ));
    grants.add(new Grant(Groups.COORDINATORS, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ));
    grants.add(new Grant(Groups.COORDINATORS, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ));

    // One query for what is already granted; only a missing grant or permission is written. Once
    // granted, a restart writes nothing (saving each of the 66 grants again cost one to several seconds per start).
    List<String> groups = new ArrayList<>(List.of(Groups.ADMINS));
    groups.addAll(workers);
    Map<String, Authorization> existing = new HashMap<>();
    for (Authorization authorization : authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(groups.toArray(String[]::new)).list()) {
      existing.putIfAbsent(key(authorization.getGroupId(), authorization.getResourceType(), authorization.getResourceId()),
          authorization);
    }
    int written = 0;
    for (Grant grant : grants) {
      Authorization authorization = existing.get(grant.key());
      if (authorization == null) {
        authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(grant.group());
        authorization.setResource(grant.resource());
        authorization.setResourceId(grant.resourceId());
      } else if (Stream.of(grant.permissions()).allMatch(authorization::isPermissionGranted)) {
        continue;
      }
      for (Permission permission : grant.permissions()) {
        authorization.addPermission(permission);
      }
      // Kept for a later grant on the same resource (coordinators' process definitions).
      existing.put(grant.key(), authorizations.saveAuthorization(authorization));
      written++;
    }
    log.info("Engine authorisations granted to {}, {} and {} ({} written)", Groups.ADMINS, workers,
        Groups.VENDORS + " (none: vendors use the product's API only)", written);
  }

  private static String key(String group, int resourceType, String resourceId) {
    return group + "/" + resourceType + "/" + resourceId;
  }

  private record Grant(String group, Resource resource, String resourceId, Permission... permissions) {
    String key() {
      return EngineAuthorizations.key(group, resource.resourceType(), resourceId);
    }
  }
}
