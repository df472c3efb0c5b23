package org.stepwise.localstack;

/** A problem the user can fix, reported as one line without a stack trace. */
class StackException extends RuntimeException {

	StackException(String message) {
		super(message);
	}

}
