package org.stepwise.attendance.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.jspecify.annotations.Nullable;

import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirRejection;
import org.stepwise.fhir.TransactionBundles;

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

	/**
	 * @param fullUrl the entry's fullUrl, by which Encounters of the Bundle may name it
	 */
	public record Scheduled(int index, AppointmentMapping.Mapped appointment,
			@Nullable String fullUrl) implements Checked {
	}

	public record Recorded(int index, EncounterMapping.Mapped encounter) implements Checked {
	}

	/**
	 * Checks an Encounter entry, its FHIRPath given, and the Appointment of the Bundle it
	 * names by a {@code urn:uuid:} fullUrl (null when it names a stored session).
	 */
	@FunctionalInterface
	public interface EncounterCheck {

		EncounterMapping.Mapped check(Encounter encounter, String at, AppointmentMapping.@Nullable Mapped inBundle);

	}

	/**
	 * Appointments first (an Encounter may name one of the Bundle by its fullUrl), then
	 * Encounters; the issues in the order of the entries.
	 * @param checkAppointment maps and checks one Appointment, its FHIRPath given
	 * @param checkEncounter maps and checks one Encounter
	 * @throws FhirRejection (422) with the issues of every entry
	 */
	public static List<Checked> entries(Bundle bundle, int maxEntries,
			BiFunction<Appointment, String, AppointmentMapping.Mapped> checkAppointment,
			EncounterCheck checkEncounter) {
		TransactionBundles.requireFrame(bundle, maxEntries);
		List<FhirIssue> issues = new ArrayList<>();
		Map<Integer, List<FhirIssue>> byEntry = new TreeMap<>();
		Map<Integer, Checked> checked = new TreeMap<>();
		Map<String, Scheduled> byFullUrl = new HashMap<>();
		Set<Integer> appointments = new HashSet<>();
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
			String at = "Bundle.entry[" + i + "]";
			Bundle.BundleEntryRequestComponent request = entry.getRequest();
			String type = entry.hasResource() ? entry.getResource().fhirType() : null;
			if (request.getMethod() != Bundle.HTTPVerb.POST || type == null || !type.equals(request.getUrl())
					|| !(type.equals("Appointment") || type.equals("Encounter"))) {
				byEntry.put(i,
						List.of(FhirIssue.notSupported(at + ".request",
								"must be method POST with url Appointment or Encounter, the entry's resource: a "
										+ "transaction schedules sessions and records attendance only")));
				continue;
			}
			if (entry.getResource() instanceof Appointment appointment) {
				appointments.add(i);
				try {
					Scheduled scheduled = new Scheduled(i, checkAppointment.apply(appointment, at + ".resource"),
							entry.hasFullUrl() ? entry.getFullUrl() : null);
					checked.put(i, scheduled);
					if (scheduled.fullUrl() != null) {
						byFullUrl.put(scheduled.fullUrl(), scheduled);
					}
				}
				catch (FhirRejection ex) {
					byEntry.put(i, rejected(ex));
				}
			}
		}
		Set<String> failedAppointments = new HashSet<>();
		for (int i : appointments) {
			Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
			if (!checked.containsKey(i) && entry.hasFullUrl()) {
				failedAppointments.add(entry.getFullUrl());
			}
		}
		Set<String> attendances = new HashSet<>();
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			if (byEntry.containsKey(i) || appointments.contains(i)) {
				continue;
			}
			String at = "Bundle.entry[" + i + "]";
			Encounter encounter = (Encounter) bundle.getEntry().get(i).getResource();
			String reference = encounter.getAppointmentFirstRep().getReference();
			if (failedAppointments.contains(reference)) {
				// that Appointment's issues are reported
				continue;
			}
			Scheduled inBundle = byFullUrl.get(reference);
			if (EncounterMapping.isBundleLocal(reference) && inBundle == null) {
				byEntry.put(i, List.of(FhirIssue.value(at + ".resource.appointment[0].reference",
						"names no Appointment entry of this Bundle (by its fullUrl)")));
				continue;
			}
			try {
				EncounterMapping.Mapped mapped = checkEncounter.check(encounter, at + ".resource",
						(inBundle != null) ? inBundle.appointment() : null);
				if (!attendances.add(mapped.sessionId() + "\n" + mapped.entry().patientId())) {
					byEntry.put(i, List.of(FhirIssue.value(at + ".resource",
							"must be the only Encounter of this patient at this session in the Bundle")));
					continue;
				}
				checked.put(i, new Recorded(i, mapped));
			}
			catch (FhirRejection ex) {
				byEntry.put(i, rejected(ex));
			}
		}
		byEntry.values().forEach(issues::addAll);
		if (!issues.isEmpty()) {
			throw FhirRejection.unprocessable(issues);
		}
		return List.copyOf(checked.values());
	}

	/** The issues of a 422; any other refusal (404, 409) ends the transaction at once. */
	private static List<FhirIssue> rejected(FhirRejection ex) {
		if (ex.status().value() != 422) {
			throw ex;
		}
		return ex.issues();
	}

}
