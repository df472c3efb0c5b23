package org.stepwise.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The inclusive bounds of a number in an event (a scale, a score, minutes). The JSON
 * Schema of the event is generated from it, so consumers refuse a value outside them.
 * Also on a map's value type: {@code Map<String, @Range(min = 0, max = 6) Integer>}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE_USE)
public @interface Range {

	long min();

	/** {@link Long#MAX_VALUE}: no upper bound (counters, versions). */
	long max() default Long.MAX_VALUE;

}
