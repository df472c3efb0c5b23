package org.stepwise.plan.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.plan.plans.domain.PlanVersion;

/**
 * A patient's episode of care in the program as an R4 {@code EpisodeOfCare}, from the
 * plan's versions: one per patient (its id is the patient's), {@code active} while in
 * treatment (IOP, at whatever level), {@code finished} from the discharge to aftercare on
 * (aftercare is the program's follow-up of a finished episode; a return from aftercare
 * makes it {@code active} again), with every such change in {@code statusHistory}. Its
 * type is the current ASAM level of care and the phase; its period runs from the start of
 * treatment to the discharge; the program is the managing organization, by identifier.
 * {@code meta.versionId} and {@code lastUpdated} are those of the plan version that last
 * changed the episode (level, phase), so a change of hours or settings leaves it as it
 * was. Pure: no Spring, no I/O.
 */
public final class EpisodesOfCare {

	private EpisodesOfCare() {
	}

	/**
	 * @param versions the plan's versions, oldest first (at least one)
	 */
	public static EpisodeOfCare of(String patientId, String programId, List<PlanVersion> versions, boolean part2) {
		PlanVersion current = versions.getLast();
		EpisodeOfCare episode = new EpisodeOfCare();
		episode.setId(patientId);
		episode.setMeta(PlanCodes.meta(lastChange(versions), part2));
		List<Segment> segments = segments(versions);
		Segment now = segments.getLast();
		episode.setStatus(now.status());
		for (Segment segment : segments) {
			Period period = new Period().setStartElement(day(segment.from()));
			if (segment.until() != null) {
				period.setEndElement(day(segment.until()));
			}
			episode.addStatusHistory().setStatus(segment.status()).setPeriod(period);
		}
		episode.addType(PlanCodes.level(current.levelOfCare()));
		episode.addType(PlanCodes.phase(current.phase()));
		episode.setPatient(new Reference("Patient/" + patientId));
		episode.setManagingOrganization(
				new Reference().setIdentifier(new Identifier().setSystem(PlanCodes.PROGRAM_IDS).setValue(programId))
					.setDisplay("Program " + programId));
		Period period = new Period().setStartElement(day(versions.getFirst().startDate()));
		if (now.status() == EpisodeOfCareStatus.FINISHED) {
			period.setEndElement(day(now.from()));
		}
		episode.setPeriod(period);
		return episode;
	}

	/** A stretch of one status, from a day until the next stretch's (null: open). */
	record Segment(EpisodeOfCareStatus status, LocalDate from, @Nullable LocalDate until) {
	}

	/** The stretches of status the versions make: active in treatment, else finished. */
	static List<Segment> segments(List<PlanVersion> versions) {
		List<Segment> segments = new ArrayList<>();
		EpisodeOfCareStatus status = null;
		LocalDate from = null;
		for (PlanVersion version : versions) {
			EpisodeOfCareStatus next = status(version.phase());
			if (next != status) {
				LocalDate since = (status == null) ? version.startDate() : version.phaseStart();
				if (status != null) {
					segments.add(new Segment(status, from, since));
				}
				status = next;
				from = since;
			}
		}
		segments.add(new Segment(status, from, null));
		return segments;
	}

	/**
	 * The version that last changed what the episode shows: the level of care or the
	 * phase (the first version when neither ever changed).
	 */
	static PlanVersion lastChange(List<PlanVersion> versions) {
		PlanVersion last = versions.getFirst();
		for (int i = 1; i < versions.size(); i++) {
			PlanVersion previous = versions.get(i - 1);
			PlanVersion version = versions.get(i);
			if (!sameLevel(previous.levelOfCare(), version.levelOfCare()) || previous.phase() != version.phase()) {
				last = version;
			}
		}
		return last;
	}

	private static boolean sameLevel(LevelOfCare a, LevelOfCare b) {
		return Objects.equals(a.code(), b.code()) && a.edition() == b.edition();
	}

	private static EpisodeOfCareStatus status(PlanPhase phase) {
		return (phase == PlanPhase.IOP) ? EpisodeOfCareStatus.ACTIVE : EpisodeOfCareStatus.FINISHED;
	}

	private static DateTimeType day(LocalDate day) {
		return new DateTimeType(day.toString());
	}

}
