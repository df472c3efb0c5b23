package org.stepwise.contracts;

/**
 * An event that cannot be read: unparseable, an unknown type, a missing attribute or a
 * payload that does not fit its record. The message is a short reason for the dead-letter
 * header; it never contains event content.
 */
public class InvalidEventException extends RuntimeException {

	public InvalidEventException(String reason) {
		super(reason);
	}

	public InvalidEventException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
