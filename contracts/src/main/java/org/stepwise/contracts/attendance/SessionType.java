package org.stepwise.contracts.attendance;

public enum SessionType {

	GROUP, INDIVIDUAL, FAMILY, EDUCATION, MEDICATION_MANAGEMENT

}
