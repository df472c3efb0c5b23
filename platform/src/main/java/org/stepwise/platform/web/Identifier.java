package org.stepwise.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.stepwise.contracts.Identifiers;

/**
 * A patient, program, clinician or facilitator id in a request body: it must match
 * {@link Identifiers#PATTERN} (null is left to {@code @NotNull}/{@code @NotBlank}). The
 * message never repeats the refused value.
 */
@Documented
@Constraint(validatedBy = Identifier.Validator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Identifier {

	String MESSAGE = "must be 1 to 64 characters: ASCII letters and digits, then also '.', '_' and '-'";

	String message() default MESSAGE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<Identifier, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || Identifiers.isValid(value);
		}

	}

}
