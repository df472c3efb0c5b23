package org.stepwise.simulator.earlywarning;

import java.util.List;
import java.util.Optional;

/**
 * The "done when" figures of issue 17, checked on one split (the held-out one counts).
 *
 * @param horizonDays the horizon of the auROC targets
 * @param minAuRoc the least auROC for use within that horizon
 * @param leadDays how early a lapse with precursors must be flagged
 * @param minShareFlagged the least share of lapses with precursors flagged that early
 * @param maxFalseAlertsPer10PatientWeeks the most false relapse-risk alerts (those cut
 * short by the end of observation counted as false)
 * @param maxAuRocGap the largest auROC gap between values of one subgroup attribute
 */
public record Targets(int horizonDays, double minAuRoc, int leadDays, double minShareFlagged,
		double maxFalseAlertsPer10PatientWeeks, double maxAuRocGap) {

	public static final Targets ISSUE_17 = new Targets(7, 0.85, 3, 0.80, 1.0, 0.05);

	/**
	 * One target against its figure; a figure that cannot be taken (NaN) does not meet
	 * it.
	 */
	public record Check(String measure, String target, double value, String shown, boolean met) {
	}

	public List<Check> check(Evaluation.SplitReport split) {
		Figures figures = split.overall();
		Figures.Discrimination discrimination = figures.discrimination(this.horizonDays);
		double auRoc = discrimination.auRoc();
		Figures.LeadTime withPrecursor = figures.leadTimes().withPrecursor();
		double share = withPrecursor.shareFlaggedAtLeast(this.leadDays);
		Figures.OperatingPoint point = figures.operatingPoint();
		Optional<Evaluation.Gap> gap = split.largestGap(this.horizonDays);
		double gapValue = gap.map(Evaluation.Gap::gap).orElse(Double.NaN);
		return List.of(
				new Check("auROC, use within " + this.horizonDays + " days", ">= " + Format.decimal(this.minAuRoc, 2),
						auRoc, Format.withMargin(auRoc, discrimination.margin95()), auRoc >= this.minAuRoc),
				new Check("Lapses with precursors flagged >= " + this.leadDays + " days before",
						">= " + Format.percent(this.minShareFlagged), share,
						Format.percent(share) + " (" + withPrecursor.flaggedAtLeast(this.leadDays) + " of "
								+ withPrecursor.onsets() + ")",
						share >= this.minShareFlagged),
				new Check("False relapse-risk alerts per 10 patient-weeks",
						"<= " + Format.decimal(this.maxFalseAlertsPer10PatientWeeks, 2),
						point.falseAlertsPer10PatientWeeks(),
						Format.decimal(point.falseAlertsPer10PatientWeeks(), 2) + " (" + point.falseAlerts()
								+ " false + " + point.falseAlertsCutShort() + " cut short by the end of observation)",
						point.falseAlertsPer10PatientWeeks() <= this.maxFalseAlertsPer10PatientWeeks),
				new Check("Largest auROC gap between subgroups (" + this.horizonDays + " days)",
						"<= " + Format.decimal(this.maxAuRocGap, 2), gapValue,
						gap.map((g) -> Format.withMargin(g.gap(), g.margin95()) + " (" + g.attribute() + ": "
								+ g.highestValue() + " " + Format.decimal(g.highestAuRoc(), 3) + " vs "
								+ g.lowestValue() + " " + Format.decimal(g.lowestAuRoc(), 3) + ")")
							.orElse("- (fewer than two subgroup values with an auROC)"),
						gapValue <= this.maxAuRocGap));
	}

}
