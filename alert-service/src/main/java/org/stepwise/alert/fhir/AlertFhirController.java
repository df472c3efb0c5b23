package org.stepwise.alert.fhir;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import io.swagger.v3.oas.annotations.Hidden;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.alert.access.AlertScope;
import org.stepwise.alert.alert.Alert;
import org.stepwise.alert.alert.AlertRepository;
import org.stepwise.fhir.CapabilityStatements;
import org.stepwise.fhir.FhirApi;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.FhirRejection;
import org.stepwise.fhir.FhirResponses;
import org.stepwise.fhir.Part2Consent;
import org.stepwise.fhir.SearchSets;
import org.stepwise.platform.audit.AuditLog;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.NotVisibleException;
import org.stepwise.platform.web.Idempotency;

/**
 * alert-service's FHIR R4 interface: alerts as Tasks, the alerts of risk states as Flags
 * ({@link AlertResources}), read-only; and Subscriptions to a program's new alerts as
 * Communications (delivered by {@code Webhooks}). Who sees what is the JSON API's
 * ({@link AlertScope}: program admins of the program, clinicians of the program on the
 * alert's care team or while none is known), every read audited as the JSON API's
 * ({@code alert.read}); 42 CFR Part 2 alerts only for tokens that allow them
 * ({@link Part2Consent}). One alert the caller may not see, or that does not exist, is a
 * 404 OperationOutcome, audited as refused when it exists. Left out of the OpenAPI
 * document: its contract is the CapabilityStatement ({@code GET /fhir/r4/metadata}).
 */
@RestController
@Hidden
@FhirApi
class AlertFhirController {

	static final String BASE = "/fhir/r4";

	private static final String READ = "alert.read";

	private final AlertRepository alerts;

	private final AlertScope scope;

	private final AuditLog audit;

	private final FhirSubscriptionRepository subscriptions;

	private final Clock clock;

	private final CapabilityStatement capabilities;

	AlertFhirController(AlertRepository alerts, AlertScope scope, AuditLog audit,
			FhirSubscriptionRepository subscriptions, Clock clock, ObjectProvider<BuildProperties> build) {
		this.alerts = alerts;
		this.scope = scope;
		this.audit = audit;
		this.subscriptions = subscriptions;
		this.clock = clock;
		this.capabilities = capabilities(build);
	}

	@GetMapping(BASE + "/metadata")
	ResponseEntity<String> metadata() {
		return FhirResponses.of(HttpStatus.OK, this.capabilities);
	}

	@GetMapping(BASE + "/Task/{id}")
	ResponseEntity<String> readTask(Caller caller, @PathVariable String id) {
		return FhirResponses.of(HttpStatus.OK, AlertResources.task(readable(caller, id, (alert) -> true)));
	}

	@GetMapping(BASE + "/Flag/{id}")
	ResponseEntity<String> readFlag(Caller caller, @PathVariable String id) {
		return FhirResponses.of(HttpStatus.OK, AlertResources.flag(readable(caller, id, AlertResources::isRiskState)));
	}

	/**
	 * A patient's alerts as Tasks, a page at a time, in the order of their last update:
	 * those the caller may see (audited, as the JSON API's list of a patient's alerts; a
	 * patient of another program is an empty Bundle), Part 2 only with a token that
	 * allows it.
	 */
	@GetMapping(BASE + "/Task")
	ResponseEntity<String> searchTasks(Caller caller, @RequestParam(required = false) @Nullable String patient,
			@RequestParam(required = false) @Nullable List<String> status,
			@RequestParam(name = "_lastUpdated", required = false) @Nullable List<String> lastUpdated,
			@RequestParam(name = "_count", required = false) @Nullable String count,
			@RequestParam(name = "_offset", required = false) @Nullable String offset) {
		AlertSearch search = AlertSearch.tasks(patient, status, lastUpdated, count, offset);
		return FhirResponses.of(HttpStatus.OK, SearchSets.page(
				search(caller, search, (alert) -> true, AlertResources::task, (task) -> task.getStatus().toCode()),
				search.search()));
	}

	/**
	 * A patient's risk states as Flags, a page at a time: as {@link #searchTasks}; the
	 * active ones are {@code status=active}.
	 */
	@GetMapping(BASE + "/Flag")
	ResponseEntity<String> searchFlags(Caller caller, @RequestParam(required = false) @Nullable String patient,
			@RequestParam(required = false) @Nullable List<String> status,
			@RequestParam(name = "_lastUpdated", required = false) @Nullable List<String> lastUpdated,
			@RequestParam(name = "_count", required = false) @Nullable String count,
			@RequestParam(name = "_offset", required = false) @Nullable String offset) {
		AlertSearch search = AlertSearch.flags(patient, status, lastUpdated, count, offset);
		return FhirResponses.of(HttpStatus.OK, SearchSets.page(search(caller, search, AlertResources::isRiskState,
				AlertResources::flag, (flag) -> flag.getStatus().toCode()), search.search()));
	}

	/**
	 * A program admin subscribes an EHR to the program's new alerts, delivered as
	 * Communications ({@link Subscriptions} says what may be asked); 42 CFR Part 2 alerts
	 * only when the admin's token allows them. Audited as {@code subscription.create}
	 * under the program; another program is 404. With an Idempotency-Key, a retry returns
	 * the first subscription.
	 */
	@PostMapping(path = BASE + "/Subscription", consumes = { FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<String> createSubscription(Caller caller, @RequestBody String body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyHeader) {
		String key = Idempotency.ofCaller(caller, idempotencyHeader);
		IBaseResource parsed = FhirJson.parse(body, "Subscription");
		Subscription subscription = FhirJson.as(Subscription.class, parsed, parsed.fhirType());
		Instant now = this.clock.instant();
		Subscriptions.Requested requested = Subscriptions.requested(subscription, caller.programs(), now);
		this.scope.requireProgram(caller, "subscription.create", requested.programId(),
				caller.isProgramAdminOf(requested.programId()));
		boolean part2 = Part2Consent.ofCurrentRequest();
		String fingerprint = Idempotency.fingerprint(List.of(requested.programId(), requested.reason(),
				requested.endpoint(), String.valueOf(requested.end()), Boolean.toString(part2)));
		String id = Idempotency.recordId("fhir-subscription", key);
		FhirSubscription stored = Idempotency
			.replay(key, id, this.subscriptions::findById, FhirSubscription::fingerprint, fingerprint)
			.orElse(null);
		boolean replayed = stored != null;
		if (stored == null) {
			try {
				stored = this.subscriptions
					.insert(new FhirSubscription(id, requested.programId(), requested.reason(), Subscriptions.CRITERIA,
							requested.endpoint(), requested.end(), part2, AlertScope.actor(caller), now, fingerprint));
			}
			catch (DuplicateKeyException ex) {
				// the same key at the same time: the other request stored it
				stored = Idempotency
					.replay(key, id, this.subscriptions::findById, FhirSubscription::fingerprint, fingerprint)
					.orElseThrow(() -> ex);
				replayed = true;
			}
		}
		return ResponseEntity.created(URI.create(BASE + "/Subscription/" + stored.id()))
			.header(HttpHeaders.CONTENT_TYPE, FhirResponses.CONTENT_TYPE)
			.header("Idempotent-Replayed", Boolean.toString(replayed))
			.body(FhirJson.encode(Subscriptions.resource(stored, now)));
	}

	/** A subscription, for the program admins of its program (404 otherwise), audited. */
	@GetMapping(BASE + "/Subscription/{id}")
	ResponseEntity<String> readSubscription(Caller caller, @PathVariable String id) {
		FhirSubscription stored = this.subscriptions.findById(id).orElseThrow(NotVisibleException::new);
		this.scope.requireProgram(caller, "subscription.read", stored.programId(),
				caller.isProgramAdminOf(stored.programId()));
		return FhirResponses.of(HttpStatus.OK, Subscriptions.resource(stored, this.clock.instant()));
	}

	/**
	 * One alert as a resource, if it is one ({@code is}) and the caller may see it: 404
	 * otherwise, audited as refused when the alert exists.
	 */
	private Alert readable(Caller caller, String id, Predicate<Alert> is) {
		Alert alert = this.alerts.findById(id).filter(is).orElseThrow(NotVisibleException::new);
		if (AlertResources.isPart2(alert) && !Part2Consent.ofCurrentRequest()) {
			this.audit.denied(caller, READ, alert.programId(), alert.patientId());
			throw new NotVisibleException();
		}
		return this.scope.requireVisible(caller, READ, alert);
	}

	/**
	 * The patient's alerts (index patient_raised) the caller may see, audited, as
	 * resources matching the search, in page order.
	 */
	private <R extends Resource> List<R> search(Caller caller, AlertSearch search, Predicate<Alert> is,
			Function<Alert, R> resource, Function<R, String> status) {
		boolean part2 = Part2Consent.ofCurrentRequest();
		String patientId = search.search().patientId();
		List<Alert> candidates = this.alerts.findByPatientIdOrderByRaisedAtDesc(patientId).stream().filter(is).toList();
		return this.scope.visible(caller, READ, patientId, candidates)
			.stream()
			.filter((alert) -> part2 || !AlertResources.isPart2(alert))
			.map(resource)
			.filter((found) -> search.status(status.apply(found)))
			.filter((found) -> search.search().updated(found.getMeta().getLastUpdated().toInstant()))
			.sorted(SearchSets.BY_LAST_UPDATED)
			.toList();
	}

	/** What this interface supports: reading and searching Tasks and Flags. */
	static CapabilityStatement capabilities(ObjectProvider<BuildProperties> build) {
		CapabilityStatement statement = CapabilityStatements.server("StepwiseAlertService",
				"Stepwise alert-service FHIR R4 interface",
				"Alerts for the care team of an Intensive Outpatient Program: open alerts as Tasks, risk states as "
						+ "Flags (read-only)",
				build);
		CapabilityStatementRestResourceComponent tasks = CapabilityStatements.rest(statement)
			.addResource()
			.setType("Task");
		tasks.setDocumentation("Every alert for the care team (status requested: open, accepted: acknowledged, "
				+ "completed: resolved, cancelled: resolved automatically); code system " + AlertResources.ALERT_KINDS
				+ ". 42 CFR Part 2 alerts (meta.security 42CFRPart2) only for tokens with the scope "
				+ Part2Consent.SCOPE + ".");
		tasks.addInteraction().setCode(TypeRestfulInteraction.READ);
		tasks.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
		CapabilityStatements.patientSearch(tasks);
		tasks.addSearchParam()
			.setName("status")
			.setType(SearchParamType.TOKEN)
			.setDocumentation("requested, accepted, completed or cancelled, comma-separated for any of them; "
					+ "without it every status");
		CapabilityStatementRestResourceComponent flags = CapabilityStatements.rest(statement)
			.addResource()
			.setType("Flag");
		flags.setDocumentation("The patient's risk states: an alert of a clinical signal or of relapse risk (active "
				+ "while open or acknowledged, inactive once resolved); code system " + AlertResources.ALERT_KINDS
				+ ". 42 CFR Part 2 risk states only for tokens with the scope " + Part2Consent.SCOPE + ".");
		flags.addInteraction().setCode(TypeRestfulInteraction.READ);
		flags.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
		CapabilityStatements.patientSearch(flags);
		flags.addSearchParam()
			.setName("status")
			.setType(SearchParamType.TOKEN)
			.setDocumentation("active or inactive; without it both");
		CapabilityStatementRestResourceComponent subscriptions = CapabilityStatements.rest(statement)
			.addResource()
			.setType("Subscription");
		subscriptions.setDocumentation("Program admins subscribe an EHR to the program's new alerts: criteria "
				+ Subscriptions.CRITERIA + ", channel rest-hook, payload " + FhirJson.MEDIA_TYPE
				+ " (each new alert POSTed as a Communication, signed with the program's webhook secret in "
				+ "X-Stepwise-Signature, retried with back-off); the program by the extension "
				+ Subscriptions.PROGRAM_EXTENSION + " or the token's only program; 42 CFR Part 2 alerts only when "
				+ "the creating token has the scope " + Part2Consent.SCOPE + ".");
		subscriptions.addInteraction().setCode(TypeRestfulInteraction.CREATE);
		subscriptions.addInteraction().setCode(TypeRestfulInteraction.READ);
		return statement;
	}

}
