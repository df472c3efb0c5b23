package org.stepwise.alert.alert;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.stepwise.contracts.alert.AlertKind;

/**
 * @param stepDownInhibitors the risk, deterioration and safety kinds whose open alert
 * inhibits {@code STEP_DOWN_READY} (docs/clinical-rules.md sections 4 and 6). Typed by
 * the shared {@link AlertKind}, so a name no service raises fails the start-up (binding
 * error naming the property and the value) instead of silently inhibiting nothing
 */
@ConfigurationProperties("stepwise.alerts")
public record AlertProperties(@DefaultValue( {
		"SAFETY", "RELAPSE_RISK", "DISENGAGEMENT", "SUBSTANCE_USE", "DEPRESSION_WORSENING",
		"ANXIETY_WORSENING" }) Set<AlertKind> stepDownInhibitors){

}
