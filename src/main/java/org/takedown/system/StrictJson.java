package org.takedown.system;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's ObjectMapper reads strictly: a key given twice, a number or boolean where text
 * belongs (or text where a number or boolean belongs), an unknown field, and text that {@link Text}
 * refuses are errors that name the field, never silently accepted. Camunda's REST API and Spin use
 * ObjectMappers of their own, so the engine's variables are not affected.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

  @Bean
  Module strictText() {
    return new SimpleModule("takedown-strict-text").addDeserializer(String.class, new CheckedText());
  }

  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictJsonInput() {
    return builder -> builder
        .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .postConfigurer(mapper -> {
          mapper.coercionConfigFor(LogicalType.Boolean)
              .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
              .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
              .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
              .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
          for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(number)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
          }
          mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        });
  }

  /** Text only from a JSON string, and only text that {@link Text} accepts. */
  static final class CheckedText extends StdScalarDeserializer<String> {

    CheckedText() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        return (String) context.handleUnexpectedToken(String.class, parser);
      }
      String text = parser.getText();
      String problem = Text.problem(text, false);
      if (problem != null) {
        throw new RefusedText(parser, problem);
      }
      return text;
    }

    @Override
    public LogicalType logicalType() {
      return LogicalType.Textual;
    }

    @Override
    public boolean isCachable() {
      return true;
    }
  }

  static final class RefusedText extends JsonMappingException {
    RefusedText(JsonParser parser, String problem) {
      super(parser, problem);
    }
  }

  /**
   * The field a body could not be read at, and what to fix, in plain words (no Java types); null when
   * the failure is not Jackson's.
   */
  public static InvalidInputException.FieldProblem problem(Throwable failure) {
    JacksonException jackson = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof JacksonException found) {
        jackson = found;
      }
    }
    if (jackson == null) {
      return null;
    }
    if (jackson instanceof StreamReadException read && read.getProcessor() != null) {
      String field = path(read.getProcessor().getParsingContext());
      String message = read.getOriginalMessage() == null ? "" : read.getOriginalMessage();
      if (message.startsWith("Duplicate field")) {
        return new InvalidInputException.FieldProblem(field, "is given more than once; send each field once");
      }
      return new InvalidInputException.FieldProblem(field, "is not valid JSON" + where(read) + ": " + plain(read));
    }
    if (jackson instanceof JsonMappingException mapping) {
      String field = path(mapping);
      if (mapping instanceof RefusedText) {
        return new InvalidInputException.FieldProblem(field, mapping.getOriginalMessage());
      }
      if (mapping instanceof UnrecognizedPropertyException unknown) {
        String known = unknown.getKnownPropertyIds() == null ? ""
            : "; the fields are " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
        return new InvalidInputException.FieldProblem(field, "is not a field of this request" + known);
      }
      if (String.valueOf(mapping.getOriginalMessage()).startsWith("Trailing token")) {
        return new InvalidInputException.FieldProblem("body", "is not valid JSON: there is more after the end of the JSON value; send one JSON value");
      }
      if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
        return new InvalidInputException.FieldProblem(field, "must be " + kind(mismatch.getTargetType()));
      }
      return new InvalidInputException.FieldProblem(field, "has a value of the wrong kind");
    }
    return new InvalidInputException.FieldProblem("body", "is not valid JSON");
  }

  private static String kind(Class<?> type) {
    if (type == String.class || type == Character.class || type == char.class) {
      return "text in double quotes";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false, without quotes";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
      return "a number, without quotes";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a JSON array, e.g. [ ... ]";
    }
    if (type.isEnum()) {
      return "one of the allowed values, in double quotes";
    }
    return "a JSON object, e.g. { ... }";
  }

  private static String path(JsonMappingException mapping) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference step : mapping.getPath()) {
      if (step.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
      } else if (step.getFrom() instanceof Map<?, ?>) {
        path.append(path.isEmpty() ? "" : ".").append("?");
      }
    }
    return path.isEmpty() ? "body" : path.toString();
  }

  private static String path(JsonStreamContext context) {
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext step = context; step != null && !step.inRoot(); step = step.getParent()) {
      if (step.inObject() && step.getCurrentName() != null) {
        path.insert(0, step.getCurrentName()).insert(0, step.getParent() != null && !step.getParent().inRoot() ? "." : "");
      } else if (step.inArray()) {
        path.insert(0, "[" + Math.max(step.getCurrentIndex(), 0) + "]");
      }
    }
    return path.isEmpty() ? "body" : path.toString();
  }

  /** " at line 1, column 14" of a parse failure, or nothing when Jackson does not know. */
  public static String where(JacksonException failure) {
    JsonLocation at = failure.getLocation();
    return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /**
   * What is wrong with text that is not JSON, in words a sender understands: not Jackson's message, which
   * names its features and source ("[Source: REDACTED (`StreamReadFeature…` disabled)").
   */
  public static String plain(JacksonException failure) {
    String message = String.valueOf(failure.getOriginalMessage());
    if (message.startsWith("Unexpected end-of-input")) {
      return "it ends too early (truncated?)";
    }
    if (message.startsWith("Duplicate field")) {
      return "a key is given twice in one object: " + clip(message.substring("Duplicate field ".length()), 80);
    }
    Matcher character = UNEXPECTED_CHARACTER.matcher(message);
    if (character.lookingAt()) {
      return "the character '" + character.group(1) + "' (code " + character.group(2) + ") is not allowed there";
    }
    if (message.startsWith("Illegal unquoted character") || message.startsWith("Illegal character")) {
      return "a control character must be written as an escape (\\u0000) inside text";
    }
    Matcher token = UNRECOGNIZED_TOKEN.matcher(message);
    if (token.lookingAt()) {
      return "'" + clip(token.group(1), 40) + "' is not a JSON value; text goes in double quotes";
    }
    return "it does not follow the JSON syntax there";
  }

  private static String clip(String text, int max) {
    String shown = text.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
    return shown.length() <= max ? shown : shown.substring(0, max) + "…";
  }

  private static final Pattern UNEXPECTED_CHARACTER = Pattern.compile("Unexpected character \\('(.{1,2}?)' \\(code (\\d+)\\)");
  private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '([^']*)'");
}
