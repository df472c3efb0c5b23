package org.stepwise.contracts.program;

public enum ProgramType {

	ADDICTION, MENTAL_HEALTH, DUAL_DIAGNOSIS, ADOLESCENT, EATING_DISORDER

}
