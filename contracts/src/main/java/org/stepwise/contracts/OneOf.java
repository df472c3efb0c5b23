package org.stepwise.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A string that must be the name of one of the constants of an enum: its JSON Schema
 * lists them. For fields that stay strings in the records (e.g. an alert's kind, built
 * from a prefix and a recommendation kind) but take a closed set of values.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE_USE)
public @interface OneOf {

	Class<? extends Enum<?>> value();

}
