package org.stepwise.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A time a client sends: not before {@value #EARLIEST} and at most {@link #daysAhead()}
 * days after now (one day by default, for when something happened: clocks drift, nothing
 * happens in the future). Year 0001 or a misread epoch is refused instead of stored. The
 * JSON form itself is an RFC 3339 string ({@link StrictInstants}). On a date (a plan's
 * start date) the same window applies to the day, in UTC.
 */
@Documented
@Constraint(validatedBy = { PlausibleTime.Validator.class, PlausibleTime.DateValidator.class })
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlausibleTime {

	String EARLIEST = "2000-01-01T00:00:00Z";

	/** How far ahead of now the time may be. */
	long daysAhead() default 1;

	String message() default "must be from " + EARLIEST + " to {daysAhead} day(s) from now";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<PlausibleTime, Instant> {

		private static final Instant EARLIEST_INSTANT = Instant.parse(EARLIEST);

		private Duration ahead = Duration.ofDays(1);

		@Override
		public void initialize(PlausibleTime annotation) {
			this.ahead = Duration.ofDays(annotation.daysAhead());
		}

		@Override
		public boolean isValid(Instant value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			Instant now = context.getClockProvider().getClock().instant();
			return !value.isBefore(EARLIEST_INSTANT) && !value.isAfter(now.plus(this.ahead));
		}

	}

	class DateValidator implements ConstraintValidator<PlausibleTime, LocalDate> {

		private static final LocalDate EARLIEST_DATE = LocalDate.parse(EARLIEST.substring(0, 10));

		private long daysAhead = 1;

		@Override
		public void initialize(PlausibleTime annotation) {
			this.daysAhead = annotation.daysAhead();
		}

		@Override
		public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			LocalDate today = LocalDate.ofInstant(context.getClockProvider().getClock().instant(), ZoneOffset.UTC);
			return !value.isBefore(EARLIEST_DATE) && !value.isAfter(today.plusDays(this.daysAhead));
		}

	}

}
