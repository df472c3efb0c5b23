package org.stepwise.plan.progress.domain;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.program.ProgramType;

/**
 * What a program monitors, selected by the types it declares (docs/clinical-rules.md,
 * "Program types"). Safety (S1, S2) and attendance and engagement (S9-S12) hold for every
 * program; the rest follows the focus:
 * <ul>
 * <li>addiction: S6-S8, the early warning (lapse-risk score and its alert) and the
 * addiction criteria of step-down readiness (abstinence, craving, BAM);</li>
 * <li>mental health: S3-S5, the PHQ-9 step-up condition and the depression and anxiety
 * criteria of readiness;</li>
 * <li>dual diagnosis: both, so relapse risk also rises on depression or anxiety worsening
 * (S3/S4 with use is HIGH);</li>
 * <li>adolescent: added to a focus (alone, the default focus), with family-session
 * attendance (S13);</li>
 * <li>eating disorder: medical instability (S14, which recommends a higher level of care
 * the same day), rapid weight loss (S15) and EDE-QS worsening (S16) from weight, vitals
 * and the EDE-QS; alone, no step-down readiness is judged, since none of its criteria
 * would be about the eating disorder.</li>
 * </ul>
 * A program that declares no types is monitored as addiction and mental health, as every
 * program was before types: {@link #DEFAULT}.
 */
public record ProgramFocus(boolean addiction, boolean mentalHealth, boolean adolescent, boolean eatingDisorder) {

	/** No types declared: addiction and mental health. */
	public static final ProgramFocus DEFAULT = new ProgramFocus(true, true, false, false);

	/** The focus of a program declaring {@code types} (null or empty: the default). */
	public static ProgramFocus of(@Nullable Collection<ProgramType> types) {
		Set<ProgramType> declared = EnumSet.noneOf(ProgramType.class);
		if (types != null) {
			types.stream().filter(java.util.Objects::nonNull).forEach(declared::add);
		}
		boolean dual = declared.contains(ProgramType.DUAL_DIAGNOSIS);
		boolean addiction = dual || declared.contains(ProgramType.ADDICTION);
		boolean mentalHealth = dual || declared.contains(ProgramType.MENTAL_HEALTH);
		boolean eatingDisorder = declared.contains(ProgramType.EATING_DISORDER);
		if (!addiction && !mentalHealth && !eatingDisorder) {
			// nothing but (perhaps) ADOLESCENT: a population, not a focus
			addiction = true;
			mentalHealth = true;
		}
		return new ProgramFocus(addiction, mentalHealth, declared.contains(ProgramType.ADOLESCENT), eatingDisorder);
	}

	/** Whether the rules evaluate signal {@code id} (S1-S17) for this focus. */
	public boolean evaluates(String id) {
		return switch (id) {
			case "S3", "S4", "S5" -> this.mentalHealth;
			case "S6", "S7", "S8" -> this.addiction;
			case "S13" -> this.adolescent;
			case "S14", "S15", "S16" -> this.eatingDisorder;
			default -> true;
		};
	}

	/** Whether the early warning of lapse (docs/clinical-rules.md section 3b) runs. */
	public boolean earlyWarning() {
		return this.addiction;
	}

	/**
	 * Whether step-down readiness is judged: it needs the criteria of an addiction or a
	 * mental-health focus.
	 */
	public boolean judgesReadiness() {
		return this.addiction || this.mentalHealth;
	}

}
