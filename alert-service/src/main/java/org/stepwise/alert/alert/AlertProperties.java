package org.stepwise.alert.alert;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param stepDownInhibitors the risk and safety kinds whose open alert inhibits
 * {@code STEP_DOWN_READY} (CLINICAL.md sections 4 and 6)
 */
@ConfigurationProperties("stepwise.alerts")
public record AlertProperties(@DefaultValue( {
		"SAFETY", "RELAPSE_RISK", "DISENGAGEMENT", "SUBSTANCE_USE", "DETERIORATION" }) Set<String> stepDownInhibitors){

}
