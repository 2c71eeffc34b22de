package org.takedown.system;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A multi-line text (a summary, a reason): line breaks and tabs allowed. See {@link Text}. */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

  String message() default "must be plain text";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<PlainText, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return check(Text.problem(value, false), context);
    }

    /** Reports the precise problem instead of the annotation's generic message. */
    static boolean check(String problem, ConstraintValidatorContext context) {
      if (problem == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      // Escaped: Hibernate Validator would otherwise read braces and dollars as expressions.
      context.buildConstraintViolationWithTemplate(problem.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$"))
          .addConstraintViolation();
      return false;
    }
  }
}
