package org.stepwise.contracts.alert;

public enum AlertStatus {

	OPEN, ACKNOWLEDGED, RESOLVED, AUTO_RESOLVED;

	public boolean active() {
		return this == OPEN || this == ACKNOWLEDGED;
	}

}
