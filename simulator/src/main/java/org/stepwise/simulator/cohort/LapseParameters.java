package org.stepwise.simulator.cohort;

import java.util.Map;

import org.stepwise.contracts.checkin.HighRiskCategory;

/**
 * Every parameter of the daily lapse process ({@link LapseProcess}) and of the patient
 * subgroups, each with where its value comes from.
 *
 * <p>
 * These values were fixed before anyone tuned the early-warning model (issue 17) and must
 * not be changed to make that model look better: simulated data only shows that the model
 * finds what the generator put there (docs/clinical-rules.md section 3b). "Assumption"
 * marks a value no source we consulted gives as a number; "approximation" marks a
 * published figure we could not re-check in full and rounded.
 *
 * <p>
 * Sources, short names used below:
 * <ul>
 * <li>Chih 2014: Chih et al., Predictive modeling of addiction lapses in a mobile health
 * application, J Subst Abuse Treat 46(1):29-35 (A-CHESS, 152 alcohol-dependent patients
 * after residential treatment, 2,934 weekly check-ins; next-week lapse auROC 0.83 in
 * cross-validation, 0.91 external).</li>
 * <li>Wyant 2025: Wyant, Fronk, Yu, Punturieri, Curtin, Forecasting risk of alcohol lapse
 * up to two weeks in advance (N=151, 51% male, early recovery from AUD, 4x daily EMA over
 * three months; lags of 1 day to 2 weeks; past use, abstinence self-efficacy and craving
 * most important; worse for female and other non-advantaged groups).</li>
 * <li>Serre 2015: Serre et al., Ecological momentary assessment in alcohol, tobacco,
 * cannabis and opiate dependence: a comparison of feasibility and validity (review:
 * craving predicts use within person). Galloway 2008: craving predicts next-day
 * methamphetamine use.</li>
 * <li>Witkiewitz and Marlatt 2004: Relapse prevention for alcohol and drug problems: that
 * was Zen, this is Tao (dynamic model: self-efficacy, high-risk situations, abstinence
 * violation effect). Cummings, Gordon and Marlatt 1980 (as reported in Marlatt and Gordon
 * 1985): the situations of initial lapses.</li>
 * <li>TEDS: SAMHSA Treatment Episode Data Set (admissions); NSDUH: National Survey on
 * Drug Use and Health.</li>
 * </ul>
 *
 * @param adolescentShare share of ADOLESCENT patients. Approximation: TEDS admissions
 * aged 12-17 have been a small single-digit percentage of all admissions in recent years
 * (figure not re-checked here); we use 6%, which keeps the adolescent subgroup large
 * enough to report on.
 * @param femaleShare share of FEMALE patients. Approximation: about a third of TEDS
 * admissions are female (males about two thirds).
 * @param dualDiagnosisShare share of DUAL_DIAGNOSIS patients. Approximation: NSDUH finds
 * roughly 40-50% of adults with a substance use disorder also have a mental illness; 0.35
 * of all patients is 44% of the substance-use patients.
 * @param mentalHealthShare share of MENTAL_HEALTH patients (no substance use disorder).
 * Assumption: the mix of a Stepwise IOP program; TEDS counts only substance-use
 * admissions. The LAPSE_THEN_RECOVERY and RELAPSE archetypes are always substance-use
 * patients, so the other archetypes are drawn with a higher share to keep this one
 * overall.
 * @param weeklyLapseProbability chance a substance-use patient at hazard ratio 1 starts a
 * lapse episode in a given week. Approximation, not a published figure: lapses in A-CHESS
 * (Chih 2014) and in Wyant 2025's three months are common but not weekly. 0.10 gives,
 * with the archetypes' ratios and relapses, use in roughly 15-20% of substance-use
 * patient-weeks.
 * @param suddenLapseShare share of the lapse process's own onsets with no precursor
 * episode. Issue 17 requires at least 25% of all lapses; the archetypes' scheduled lapse
 * and relapse always have a precursor, so 0.40 here gives about 30% overall.
 * @param precursorEndsInLapse chance a precursor episode ends in a lapse; the rest are
 * decoys (precursor-like stretches without use), required by issue 17. Assumption: 0.6.
 * @param minPrecursorDays shortest precursor episode: 1 day (Wyant 2025's shortest lag).
 * @param maxPrecursorDays longest precursor episode: 14 days (Wyant 2025's longest lag,
 * two weeks). Lengths are uniform in between (assumption; Wyant 2025's lags are how far
 * ahead a lapse could be predicted, not how long precursors last). About 1 in 7
 * precursors is shorter than 3 days.
 * @param minPrecursorMagnitude weakest precursor episode at its peak (1 = full).
 * Assumption: 0.6.
 * @param precursorFadeDays days a precursor takes to fade after its lapse or decoy end.
 * Assumption: 3.
 * @param relapseProbability chance a lapse continues into repeated use (a relapse).
 * Assumption: 0.35. The relapse literature (Witkiewitz and Marlatt 2004; Moos and Moos
 * 2006 for relapse after treatment) describes lapse-to-relapse progression as common but
 * variable and gives no per-lapse probability for an IOP population.
 * @param minRelapseDays shortest relapse (days of repeated use before use stops again).
 * Assumption: 14.
 * @param maxRelapseDays longest relapse. Assumption: 42.
 * @param relapseUseProbability chance of use on each day of a relapse. Assumption: 0.5,
 * the RELAPSE archetype's rate in its first three weeks.
 * @param patientRiskSd standard deviation of the log of a patient's own hazard ratio (a
 * lognormal frailty with mean 1). Assumption: 0.5.
 * @param noisePersistence day-to-day persistence (AR(1) coefficient) of the latent risk
 * noise that moves every signal together without any lapse. Assumption: 0.7.
 * @param noiseSd standard deviation of that noise, in precursor-intensity units.
 * Assumption: 0.15.
 * @param cravingPull at full precursor intensity craving moves this share of the way to
 * 10. Direction: Serre 2015, Galloway 2008; size an assumption (0.75), close to the old
 * LAPSE_THEN_RECOVERY archetype's rise to 8.5.
 * @param confidencePull at full precursor intensity confidence moves this share of the
 * way to 0. Direction: Witkiewitz and Marlatt 2004, Wyant 2025 (self-efficacy among the
 * most important features); size an assumption (0.65).
 * @param stressRise stress (0-10) added at full precursor intensity. Assumption: 2.5
 * (negative emotional states precede a third of lapses, Cummings 1980).
 * @param moodDrop mood (0-10) removed at full precursor intensity. Assumption: 2.0.
 * @param sleepDropHours sleep hours removed at full precursor intensity. Assumption: 1.0.
 * @param missedCheckInRise share of otherwise sent check-ins missed at full precursor
 * intensity. Assumption: 0.3.
 * @param attendanceDrop share of otherwise attended sessions missed at full precursor
 * intensity. Assumption: 0.2.
 * @param highRiskBase daily chance of reporting a coming high-risk situation with no
 * precursor. Assumption: 0.05.
 * @param highRiskAtFullIntensity that chance at full precursor intensity. Assumption:
 * 0.45 (Witkiewitz and Marlatt 2004: lapses follow high-risk situations).
 * @param highRiskCategoryShares which kind of high-risk situation is reported. Cummings,
 * Gordon and Marlatt 1980's shares of initial-lapse situations as commonly cited from
 * Marlatt and Gordon 1985 (not re-checked against the original), mapped by us: STRESS =
 * negative emotional states (35%); PEOPLE = interpersonal conflict (16%) and social
 * pressure (20%); CELEBRATION = positive emotional states, alone and with others (12%);
 * PLACES = urges and temptations, cue exposure (9%); PAIN = negative physical states
 * (3%); OTHER = testing personal control (5%).
 * @param postUseCravingPull craving's pull toward 10 on a day of use, fading after it
 * (abstinence violation effect, Witkiewitz and Marlatt 2004). Assumption: 0.5.
 * @param postUseConfidencePull confidence's pull toward 0 on a day of use, fading after
 * it. Assumption: 0.5.
 * @param postUseFadeDays time constant (days) of that fading. Assumption: 5.
 * @param mentalHealthHazardRatio hazard ratio of MENTAL_HEALTH patients: much lower, but
 * they may still use. Assumption: 0.1.
 * @param dualDiagnosisHazardRatio hazard ratio of DUAL_DIAGNOSIS patients. Assumption:
 * 1.3 (co-occurring disorders are associated with worse substance-use outcomes; no single
 * figure).
 * @param adolescentHazardRatio hazard ratio of ADOLESCENT patients. Assumption: 1.2.
 * @param archetypeHazardRatios hazard ratio per archetype, before the archetype's own
 * scheduled lapse or relapse. Assumption: responders lapse least, non-responders and
 * dropouts most (the old generator had scattered use of 2-4% of days for those).
 */
public record LapseParameters(double adolescentShare, double femaleShare, double dualDiagnosisShare,
		double mentalHealthShare, double weeklyLapseProbability, double suddenLapseShare, double precursorEndsInLapse,
		int minPrecursorDays, int maxPrecursorDays, double minPrecursorMagnitude, int precursorFadeDays,
		double relapseProbability, int minRelapseDays, int maxRelapseDays, double relapseUseProbability,
		double patientRiskSd, double noisePersistence, double noiseSd, double cravingPull, double confidencePull,
		double stressRise, double moodDrop, double sleepDropHours, double missedCheckInRise, double attendanceDrop,
		double highRiskBase, double highRiskAtFullIntensity, Map<HighRiskCategory, Double> highRiskCategoryShares,
		double postUseCravingPull, double postUseConfidencePull, double postUseFadeDays, double mentalHealthHazardRatio,
		double dualDiagnosisHazardRatio, double adolescentHazardRatio, Map<Archetype, Double> archetypeHazardRatios) {

	/** The values above, fixed before tuning. */
	public static final LapseParameters DEFAULTS = new LapseParameters(0.06, 0.35, 0.35, 0.20, 0.10, 0.40, 0.6, 1, 14,
			0.6, 3, 0.35, 14, 42, 0.5, 0.5, 0.7, 0.15, 0.75, 0.65, 2.5, 2.0, 1.0, 0.3, 0.2, 0.05, 0.45,
			Map.of(HighRiskCategory.STRESS, 0.35, HighRiskCategory.PEOPLE, 0.36, HighRiskCategory.CELEBRATION, 0.12,
					HighRiskCategory.PLACES, 0.09, HighRiskCategory.PAIN, 0.03, HighRiskCategory.OTHER, 0.05),
			0.5, 0.5, 5, 0.1, 1.3, 1.2,
			Map.of(Archetype.RESPONDER, 0.5, Archetype.SLOW_RESPONDER, 0.8, Archetype.NON_RESPONDER, 1.5,
					Archetype.LAPSE_THEN_RECOVERY, 0.5, Archetype.RELAPSE, 0.5, Archetype.DROPOUT, 1.5,
					Archetype.SAFETY_EVENT, 1.0));

	public LapseParameters {
		highRiskCategoryShares = Map.copyOf(highRiskCategoryShares);
		archetypeHazardRatios = Map.copyOf(archetypeHazardRatios);
		if (archetypeHazardRatios.size() != Archetype.values().length) {
			throw new IllegalArgumentException("a hazard ratio for every archetype");
		}
		if (highRiskCategoryShares.size() != HighRiskCategory.values().length) {
			throw new IllegalArgumentException("a share for every high-risk category");
		}
		if (minPrecursorDays < 1 || maxPrecursorDays < minPrecursorDays || minRelapseDays < 1
				|| maxRelapseDays < minRelapseDays) {
			throw new IllegalArgumentException("day ranges must be positive and ordered");
		}
		if (adolescentShare > 1 || femaleShare > 1 || dualDiagnosisShare + mentalHealthShare > 1) {
			throw new IllegalArgumentException("shares must not exceed 1");
		}
	}

}
