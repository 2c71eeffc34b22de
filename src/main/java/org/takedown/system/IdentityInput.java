package org.takedown.system;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Users, groups and tenants written through the engine's REST APIs (/engine-rest, and Camunda Admin's
 * /camunda/api/engine): user/create, PUT user/{id}/profile, group/create, PUT group/{id}, tenant/create, PUT tenant/{id}.
 * The body is read strictly, before the engine sees it: a key given twice (the engine would take the last), an id
 * longer than the engine's tables hold (64; the engine answered 500), names and the email address longer than 255,
 * names with control characters, unpaired surrogates or bidirectional overrides ({@link Text}), an email address
 * that is not one, and an id in the body of an update that is not the address's are refused with 400. A new id that
 * differs from an existing one only in case (CORA beside cora) is refused with 409, to callers who may create one.
 */
@Component
class IdentityInput extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(IdentityInput.class);
  /** /engine-rest, also with the engine named (/engine-rest/engine/default/user/create), and Camunda Admin's API. */
  private static final Pattern ADDRESS = Pattern.compile("^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)"
      + "/(?<resource>user|group|tenant)/(?<id>[^/]+)(?<profile>/profile)?/?$");
  /** The engine's engine name in a webapp address: /camunda/api/engine/engine/{name}/…. */
  private static final Pattern ENGINE = Pattern.compile("^/camunda/api/engine/engine/([^/]+)/");
  private static final int MAX_BODY = 64 * 1024;
  /** ACT_ID_USER, ACT_ID_GROUP and ACT_ID_TENANT: ID_ varchar(64); names, type and email varchar(255). */
  static final int MAX_ID = 64;
  static final int MAX_TEXT = 255;
  /** One address: no spaces or controls, one @, a domain of dot-separated labels. */
  private static final Pattern EMAIL = Pattern.compile(
      "[^\\s@\\p{Cntrl}\"<>(),;:\\\\\\[\\]]{1,64}@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)+");
  private static final Map<String, String> LABELS = Map.of("id", "The id", "firstName", "The first name", "lastName", "The last name",
      "email", "The email address", "name", "The name", "type", "The type", "body", "The request body", "profile", "The profile");

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final ManagementService management;

  IdentityInput(IdentityService identity, AuthorizationService authorizations, ManagementService management) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.management = management;
  }

  /** What is written: a new one, or the update of the one the address names. */
  private record Write(String resource, String id, boolean create) {}

  private static Write write(HttpServletRequest request) {
    Matcher address = ADDRESS.matcher(EngineInput.path(request));
    if (!address.matches()) {
      return null;
    }
    String resource = address.group("resource");
    boolean profile = address.group("profile") != null;
    if ("POST".equals(request.getMethod()) && "create".equals(address.group("id")) && !profile) {
      return new Write(resource, null, true);
    }
    // A user's profile is PUT to user/{id}/profile; a group or tenant to group/{id}, tenant/{id}.
    if ("PUT".equals(request.getMethod()) && profile == "user".equals(resource)) {
      return new Write(resource, address.group("id"), false);
    }
    return null;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return write(request) == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Write write = write(request);
    boolean webapp = EngineInput.path(request).startsWith("/camunda/");
    if (request.getContentType() == null || !request.getContentType().toLowerCase(Locale.ROOT).contains("json")) {
      chain.doFilter(request, response); // not JSON: the engine answers 415
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      refuse(request, response, webapp, List.of(new InvalidInputException.FieldProblem("body", "is larger than 64 KB")));
      return;
    }
    try {
      Utf8.decode(body);
    } catch (Utf8.Malformed e) {
      refuse(request, response, webapp, List.of(new InvalidInputException.FieldProblem("body", Text.NOT_UTF8)));
      return;
    }
    JsonNode root;
    try {
      root = body.length == 0 ? null : EngineInput.STRICT.readTree(body);
    } catch (JacksonException e) {
      refuse(request, response, webapp, List.of(EngineInput.bodyProblem(e)));
      return;
    }
    JsonNode fields = root;
    String prefix = "";
    if ("user".equals(write.resource()) && write.create()) {
      fields = root == null ? null : root.get("profile");
      prefix = "profile.";
    }
    List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
    if (fields == null || !fields.isObject()) {
      // The engine answers a body without the fields it needs; nothing here to check.
      chain.doFilter(new ReplayedBody(request, body, StandardCharsets.UTF_8), response);
      return;
    }
    String id = text(fields, "id", prefix, problems);
    if (id != null) {
      if (id.codePointCount(0, id.length()) > MAX_ID) {
        problems.add(new InvalidInputException.FieldProblem(prefix + "id", "'" + EngineRestNotFound.shown(id) + "' is "
            + id.codePointCount(0, id.length()) + " characters long; an id of a " + write.resource() + " holds at most " + MAX_ID));
      } else if (!write.create() && !id.equals(write.id())) {
        problems.add(new InvalidInputException.FieldProblem(prefix + "id", "'" + EngineRestNotFound.shown(id) + "' is not the id of "
            + "the address (" + EngineRestNotFound.shown(write.id()) + "); an id cannot be changed: send the address's id or none"));
      }
    }
    for (String name : switch (write.resource()) {
      case "user" -> List.of("firstName", "lastName");
      case "group" -> List.of("name", "type");
      default -> List.of("name");
    }) {
      String value = text(fields, name, prefix, problems);
      String problem = value == null ? null : Text.problem(value, true);
      if (problem == null && value != null && value.codePointCount(0, value.length()) > MAX_TEXT) {
        problem = "is longer than " + MAX_TEXT + " characters";
      }
      if (problem != null) {
        problems.add(new InvalidInputException.FieldProblem(prefix + name, problem));
      }
    }
    if ("user".equals(write.resource())) {
      String email = text(fields, "email", prefix, problems);
      String problem = email == null || email.isEmpty() ? null : Text.problem(email, true);
      if (problem == null && email != null && !email.isEmpty()
          && (email.length() > MAX_TEXT || !EMAIL.matcher(email).matches())) {
        problem = "is not an email address (one address such as anna.schmidt@example.org, at most " + MAX_TEXT + " characters)";
      }
      if (problem != null) {
        problems.add(new InvalidInputException.FieldProblem(prefix + "email", problem));
      }
    }
    if (!problems.isEmpty()) {
      refuse(request, response, webapp, problems);
      return;
    }
    if (write.create() && id != null) {
      Optional<String> existing = sameButCase(request, webapp, write.resource(), id);
      if (existing.isPresent()) {
        log.warn("Refused a new {} whose id differs from an existing one only in case", write.resource());
        EngineInput.answer(request, response, webapp, 409, "Already exists", "There is already a " + write.resource() + " '"
            + EngineRestNotFound.shown(existing.get()) + "', whose id differs from '" + EngineRestNotFound.shown(id)
            + "' only in upper and lower case; two such ids would be taken for each other. Nothing was stored; choose another id.",
            List.of());
        return;
      }
    }
    chain.doFilter(new ReplayedBody(request, body, StandardCharsets.UTF_8), response);
  }

  /** A text field, or null when it is absent or null; anything but text is a problem. */
  private static String text(JsonNode fields, String name, String prefix, List<InvalidInputException.FieldProblem> problems) {
    JsonNode value = fields.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(new InvalidInputException.FieldProblem(prefix + name, "must be text"));
      return null;
    }
    return value.asText();
  }

  /**
   * The existing id that differs from the new one only in case; looked for only when the caller may create one (the
   * engine refuses the others, and they may not see all ids). Looked up without the caller's authorisation, since a
   * creator need not be able to read every one.
   */
  private Optional<String> sameButCase(HttpServletRequest request, boolean webapp, String resource, String id) {
    Authentication caller = identity.getCurrentAuthentication();
    Authentication asker = caller != null ? caller : webapp ? webappCaller(request) : null;
    if (asker == null) {
      return Optional.empty();
    }
    Resources kind = switch (resource) {
      case "user" -> Resources.USER;
      case "group" -> Resources.GROUP;
      default -> Resources.TENANT;
    };
    try {
      identity.clearAuthentication();
      if (!authorizations.isUserAuthorized(asker.getUserId(), asker.getGroupIds(), Permissions.CREATE, kind)) {
        return Optional.empty();
      }
      String lower = id.toLowerCase(Locale.ROOT);
      return switch (resource) {
        // Native: a user query cannot compare ids without case. User ids are ASCII (the engine's id pattern).
        case "user" -> identity.createNativeUserQuery()
            .sql("SELECT RES.* FROM " + management.getTableName(UserEntity.class) + " RES WHERE LOWER(RES.ID_) = #{id}")
            .parameter("id", lower).listPage(0, 1).stream().map(User::getId).filter(found -> !found.equals(id)).findFirst();
        case "group" -> identity.createGroupQuery().list().stream().map(Group::getId)
            .filter(found -> found.equalsIgnoreCase(id) && !found.equals(id)).findFirst();
        default -> identity.createTenantQuery().list().stream().map(Tenant::getId)
            .filter(found -> found.equalsIgnoreCase(id) && !found.equals(id)).findFirst();
      };
    } catch (RuntimeException e) {
      log.warn("Could not look for a {} id that differs only in case", resource, e);
      return Optional.empty();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  /** Camunda Admin's signed-in user, from its session (its own filter sets the engine's authentication later). */
  private static Authentication webappCaller(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Matcher engine = ENGINE.matcher(EngineInput.path(request));
    if (session == null || !engine.find()) {
      return null;
    }
    Authentications all = AuthenticationUtil.getAuthsFromSession(session);
    if (all != null && all.getAuthenticationForProcessEngine(engine.group(1)) instanceof UserAuthentication user) {
      return new Authentication(user.getIdentityId(), user.getGroupIds());
    }
    return null;
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, boolean webapp,
      List<InvalidInputException.FieldProblem> problems) throws IOException {
    log.warn("Refused identity input on {} {}: {}", request.getMethod(), EngineInput.path(request).replaceAll("\\p{Cntrl}", " "),
        problems.stream().map(InvalidInputException.FieldProblem::field).toList());
    EngineInput.answer(request, response, webapp, 400, "Invalid input", sentence(problems) + " Nothing was stored; fix it and send it again.",
        problems);
  }

  /** "The id (profile.id) is given more than once; send each field once." per field. */
  static String sentence(List<InvalidInputException.FieldProblem> problems) {
    StringBuilder text = new StringBuilder();
    for (InvalidInputException.FieldProblem problem : problems) {
      String field = problem.field();
      String label = LABELS.get(field.substring(field.lastIndexOf('.') + 1));
      String subject = "body".equals(field) ? "The request body"
          : label == null ? "The field '" + EngineInput.printable(field) + "'"
          : Set.of("id", "name", "type").contains(field) ? label : label + " (" + field + ")";
      text.append(text.isEmpty() ? "" : " ").append(subject).append(' ').append(problem.message())
          .append(problem.message().endsWith(".") ? "" : ".");
    }
    return text.toString();
  }
}
