package org.stepwise.attendance.fhir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;

import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirRejection;

/**
 * The entries of a transaction Bundle, each a {@code POST Appointment} (a session) or a
 * {@code POST Encounter} (an attendance), all checked before anything is stored: every
 * issue of every entry is reported at once, named by its place
 * ({@code Bundle.entry[3].resource.status}). Pure: the check of one entry is given. A
 * refusal without an element (another program: 404; a conflict: 409) ends it at once.
 */
public final class AttendanceTransactions {

	private AttendanceTransactions() {
	}

	/** A checked entry and its place in the Bundle. */
	public sealed interface Checked permits Scheduled, Recorded {

		int index();

	}

	public record Scheduled(int index, AppointmentMapping.Mapped appointment) implements Checked {
	}

	public record Recorded(int index, EncounterMapping.Mapped encounter) implements Checked {
	}

	/**
	 * @param checkAppointment maps and checks one Appointment, its FHIRPath given
	 * @param checkEncounter maps and checks one Encounter, its FHIRPath given
	 * @throws FhirRejection (422) with the issues of every entry
	 */
	public static List<Checked> entries(Bundle bundle, int maxEntries,
			BiFunction<Appointment, String, AppointmentMapping.Mapped> checkAppointment,
			BiFunction<Encounter, String, EncounterMapping.Mapped> checkEncounter) {
		List<FhirIssue> issues = new ArrayList<>();
		if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
			issues.add(FhirIssue.value("Bundle.type", "must be transaction (Stepwise takes no batch: all or nothing)"));
		}
		if (bundle.getEntry().isEmpty() || bundle.getEntry().size() > maxEntries) {
			issues.add(FhirIssue.invalid("Bundle.entry", "must have 1 to " + maxEntries + " entries"));
		}
		if (!issues.isEmpty()) {
			throw FhirRejection.unprocessable(issues);
		}
		List<Checked> checked = new ArrayList<>();
		Set<String> attendances = new HashSet<>();
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
			String at = "Bundle.entry[" + i + "]";
			Bundle.BundleEntryRequestComponent request = entry.getRequest();
			String type = entry.hasResource() ? entry.getResource().fhirType() : null;
			if (request.getMethod() != Bundle.HTTPVerb.POST || type == null || !type.equals(request.getUrl())
					|| !(type.equals("Appointment") || type.equals("Encounter"))) {
				issues.add(FhirIssue.notSupported(at + ".request",
						"must be method POST with url Appointment or Encounter, the entry's resource: a "
								+ "transaction schedules sessions and records attendance only"));
				continue;
			}
			try {
				if (entry.getResource() instanceof Appointment appointment) {
					checked.add(new Scheduled(i, checkAppointment.apply(appointment, at + ".resource")));
				}
				else {
					EncounterMapping.Mapped encounter = checkEncounter.apply((Encounter) entry.getResource(),
							at + ".resource");
					if (!attendances.add(encounter.sessionId() + "\n" + encounter.entry().patientId())) {
						issues.add(FhirIssue.value(at + ".resource",
								"must be the only Encounter of this patient at this session in the Bundle"));
						continue;
					}
					checked.add(new Recorded(i, encounter));
				}
			}
			catch (FhirRejection ex) {
				if (ex.status().value() != 422) {
					throw ex;
				}
				issues.addAll(ex.issues());
			}
		}
		if (!issues.isEmpty()) {
			throw FhirRejection.unprocessable(issues);
		}
		return checked;
	}

}
