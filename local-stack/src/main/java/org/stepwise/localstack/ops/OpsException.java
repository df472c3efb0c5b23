package org.stepwise.localstack.ops;

/** A problem the operator can fix, reported as one line without a stack trace. */
class OpsException extends RuntimeException {

	OpsException(String message) {
		super(message);
	}

}
