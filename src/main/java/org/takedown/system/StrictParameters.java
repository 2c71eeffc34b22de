package org.takedown.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Query parameters (of /api, /taxii2 and /partner) and the fields of a url-encoded form (the /partner
 * forms) under the text rules of every other path ({@link Text}): read from the raw bytes as strict
 * UTF-8 (Tomcat would replace a malformed or overlong sequence), a field given twice refused (except
 * the few that are lists, such as the hashes of a receipt), query parameters one line, form fields
 * without control characters, lone surrogates or bidirectional overrides (a note may have several
 * lines; the controllers check the one-line ones). A refusal is 400 naming the field, as problem+json,
 * a TAXII error under /taxii2, a plain page under /partner; nothing reaches a controller.
 */
@Configuration(proxyBeanMethods = false)
public class StrictParameters {

  /** The fields of the emailed links' forms (an action link's answer, opening a download link): nothing else is taken. */
  private static final Map<Pattern, Set<String>> PARTNER_FORMS = Map.of(
      Pattern.compile("/partner/actions/[^/]+/?"), Set.of("note", "sha256"),
      Pattern.compile("/partner/evidence/[^/]+/?"), Set.of());

  /** Fields that are lists: each value one more element. */
  static final Set<String> REPEATABLE = Set.of("sha256");
  /** A url-encoded form larger than this is refused (Tomcat's own limit for forms is 2 MB). */
  static final int MAX_FORM_BYTES = 2 * 1024 * 1024;

  @Bean
  FilterRegistrationBean<Check> strictParameterText() {
    FilterRegistrationBean<Check> registration = new FilterRegistrationBean<>(new Check());
    registration.addUrlPatterns("/api/*", "/taxii2/*", "/partner/*");
    // After the body limit (-200), before Spring Security (-100), which reads the form's _csrf.
    registration.setOrder(-150);
    return registration;
  }

  static class Check extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
      Map<String, List<String>> query = parse(request.getQueryString() == null ? new byte[0]
          : request.getQueryString().getBytes(StandardCharsets.ISO_8859_1), "query", problems);
      check(query, true, problems);
      Set<String> fields = partnerForm(request);
      if (fields != null) {
        // The links' forms post to a bare address, as the page sends them.
        query.keySet().forEach(name -> problems.add(new InvalidInputException.FieldProblem(name, "is not taken in the address of this form; it takes none")));
        if (request.getContentType() != null && !isForm(request)) {
          problems.add(new InvalidInputException.FieldProblem("body", "is not a form as the page sends it (application/x-www-form-urlencoded); "
              + "send it from the page"));
        }
      }
      byte[] body = null;
      Map<String, List<String>> form = null;
      if (isForm(request) && "POST".equals(request.getMethod())) {
        body = request.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
        if (body.length > MAX_FORM_BYTES) {
          problems.add(new InvalidInputException.FieldProblem("body", "is a form larger than " + Sizes.limit(MAX_FORM_BYTES)));
        } else {
          form = parse(body, "body", problems);
          check(form, false, problems);
          for (String name : form.keySet()) {
            if (query.containsKey(name) && !REPEATABLE.contains(name)) {
              problems.add(new InvalidInputException.FieldProblem(name, Text.GIVEN_TWICE + " (it is in the address and in the form)"));
            }
            if (fields != null && !fields.contains(name)) {
              problems.add(new InvalidInputException.FieldProblem(name, fields.isEmpty() ? "is not a field of this form; it has none"
                  : "is not a field of this form; it has " + String.join(" and ", fields.stream().sorted().toList())));
            }
          }
        }
      }
      if (!problems.isEmpty()) {
        ProblemDetail problem = ApiErrors.invalidInput(problems);
        if (ErrorResponses.isPage(request.getRequestURI().substring(request.getContextPath().length()))) {
          problem.setDetail(problems.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; "))
              + ". Nothing was recorded; go back, correct it and send it again.");
        }
        request.setAttribute(ErrorResponses.PROBLEM, problem);
        response.sendError(400);
        return;
      }
      chain.doFilter(form == null ? request : new Form(request, body, form), response);
    }
  }

  /**
   * The query of a page under the same rules, for the pages that show their own errors (the board's filters): each
   * refused field with what is wrong. Tomcat's own decoding would replace a malformed sequence and keep the first of two.
   */
  public static List<InvalidInputException.FieldProblem> queryProblems(HttpServletRequest request) {
    List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
    Map<String, List<String>> query = parse(request.getQueryString() == null ? new byte[0]
        : request.getQueryString().getBytes(StandardCharsets.ISO_8859_1), "query", problems);
    check(query, true, problems);
    return problems;
  }

  static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private static void check(Map<String, List<String>> fields, boolean oneLine, List<InvalidInputException.FieldProblem> problems) {
    fields.forEach((name, values) -> {
      if (values.size() > 1 && !REPEATABLE.contains(name)) {
        problems.add(new InvalidInputException.FieldProblem(name, Text.GIVEN_TWICE));
      }
      for (String value : values) {
        String problem = Text.problem(value, oneLine);
        if (problem != null) {
          problems.add(new InvalidInputException.FieldProblem(name, problem));
          break;
        }
      }
    });
  }

  /** The fields a /partner form takes, or null where no such form is posted. */
  private static Set<String> partnerForm(HttpServletRequest request) {
    if (!"POST".equals(request.getMethod())) {
      return null;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return PARTNER_FORMS.entrySet().stream().filter(form -> form.getKey().matcher(path).matches()).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  /** name=value pairs joined by '&', percent-encoded ('+' a space), decoded as strict UTF-8. */
  static Map<String, List<String>> parse(byte[] raw, String where, List<InvalidInputException.FieldProblem> problems) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    int start = 0;
    for (int i = 0; i <= raw.length; i++) {
      if (i < raw.length && raw[i] != '&') {
        continue;
      }
      if (i > start) {
        int equals = start;
        while (equals < i && raw[equals] != '=') {
          equals++;
        }
        String name = decode(raw, start, equals, where, null, problems);
        if (name != null) {
          String nameProblem = Text.problem(name, true);
          if (nameProblem != null) {
            problems.add(new InvalidInputException.FieldProblem(where, "has a field name that " + nameProblem));
          } else {
            String value = equals < i ? decode(raw, equals + 1, i, where, name, problems) : "";
            if (value != null) {
              fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
          }
        }
      }
      start = i + 1;
    }
    return fields;
  }

  private static String decode(byte[] raw, int from, int to, String where, String name,
      List<InvalidInputException.FieldProblem> problems) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = raw[i];
      if (b == '+') {
        bytes.write(' ');
      } else if (b == '%') {
        int high = i + 2 < to ? Character.digit(raw[i + 1], 16) : -1;
        int low = i + 2 < to ? Character.digit(raw[i + 2], 16) : -1;
        if (high < 0 || low < 0) {
          problems.add(new InvalidInputException.FieldProblem(name == null ? where : name,
              "has a '%' that is not followed by two hexadecimal digits; percent-encode the text as UTF-8"));
          return null;
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        bytes.write(b);
      }
    }
    try {
      return Utf8.decode(bytes.toByteArray());
    } catch (Utf8.Malformed e) {
      problems.add(new InvalidInputException.FieldProblem(name == null ? where : name, Text.NOT_UTF8));
      return null;
    }
  }

  /** The form read here: its fields, decoded strictly, and its bytes again for whoever reads the body. */
  private static final class Form extends ReplayedBody {
    private final Map<String, String[]> parameters = new LinkedHashMap<>();

    Form(HttpServletRequest request, byte[] body, Map<String, List<String>> form) {
      super(request, body, StandardCharsets.UTF_8);
      // The query's parameters (Tomcat reads only those once the body is taken), then the form's.
      Map<String, List<String>> all = new LinkedHashMap<>();
      request.getParameterMap().forEach((name, values) -> all.computeIfAbsent(name, n -> new ArrayList<>()).addAll(List.of(values)));
      form.forEach((name, values) -> all.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
      all.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
    }

    @Override
    public String getParameter(String name) {
      String[] values = parameters.get(name);
      return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      String[] values = parameters.get(name);
      return values == null ? null : values.clone();
    }
  }
}
