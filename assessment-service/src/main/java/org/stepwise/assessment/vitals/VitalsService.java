package org.stepwise.assessment.vitals;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.stepwise.assessment.ClinicalTime;
import org.stepwise.contracts.assessment.VitalsRecorded;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.web.Idempotency;
import org.stepwise.platform.web.RequestRejectedException;
import org.stepwise.platform.web.RequestRejectedException.FieldProblem;

/**
 * Checks a measurement, derives its BMI and % median BMI, and stores it with its
 * {@link VitalsRecorded} event in one write. Nothing is stored when a value is outside
 * what is possible.
 */
@Service
public class VitalsService {

	private final VitalsRepository vitals;

	private final BmiForAge bmiForAge;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final MeterRegistry meters;

	private final Clock clock;

	VitalsService(VitalsRepository vitals, OutboxEvents events, OutboxRelay relay, MeterRegistry meters, Clock clock) {
		this.vitals = vitals;
		this.bmiForAge = BmiForAge.cdc2000();
		this.events = events;
		this.relay = relay;
		this.meters = meters;
		this.clock = clock;
	}

	/** The stored measurement and whether this call stored it (false: a retry). */
	public record Recorded(VitalsRecord vitals, boolean created) {
	}

	public Recorded record(RecordVitalsRequest request, @Nullable String idempotencyKey) {
		String id = Idempotency.recordId("vitals", idempotencyKey);
		String fingerprint = Idempotency.fingerprint(request);
		Optional<Recorded> replay = replay(id, idempotencyKey, fingerprint);
		if (replay.isPresent()) {
			return replay.get();
		}
		ClinicalTime.requireNotFuture(request.measuredAt(), "measuredAt", this.clock);
		List<FieldProblem> problems = VitalsCheck.problems(request);
		if (!problems.isEmpty()) {
			throw new RequestRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_vitals",
					"The measurement has values that are not possible", problems);
		}
		VitalsCheck.Checked checked = VitalsCheck.check(request);
		BigDecimal medianBmiPercent = null;
		BigDecimal exactBmi = VitalsCheck.bmi(request.weightKg(), request.heightCm());
		if (exactBmi != null && checked.ageMonths() != null && request.sex() != null) {
			medianBmiPercent = this.bmiForAge.percentOfMedian(exactBmi, request.sex(), checked.ageMonths())
				.orElse(null);
		}
		Instant now = this.clock.instant();
		VitalsRecorded event = new VitalsRecorded(id, request.programId(), request.patientId(), request.timeOfDay(),
				request.weightKg(), request.heightCm(), request.heartRatePerMin(), request.systolicMmHg(),
				request.diastolicMmHg(), request.temperatureC(), request.orthostatic(), checked.ageMonths(),
				checked.bmi(), medianBmiPercent, checked.implausible(), request.measuredAt(), now);
		VitalsRecord record = new VitalsRecord(id, request.programId(), request.patientId(), request.measuredAt(),
				request.timeOfDay(), request.weightKg(), request.heightCm(), request.heartRatePerMin(),
				request.systolicMmHg(), request.diastolicMmHg(), request.temperatureC(), request.orthostatic(),
				checked.ageMonths(), checked.bmi(), medianBmiPercent, checked.implausible(), now, fingerprint,
				List.of(this.events.entry(event, now)));
		try {
			record = this.vitals.insert(record);
		}
		catch (DuplicateKeyException ex) {
			// A concurrent retry with the same key won the insert.
			return replay(id, idempotencyKey, fingerprint).orElseThrow(() -> ex);
		}
		this.relay.nudge(VitalsRecord.class, record.id());
		this.meters
			.counter("stepwise.vitals.recorded", "implausible", Boolean.toString(!checked.implausible().isEmpty()))
			.increment();
		return new Recorded(record, true);
	}

	private Optional<Recorded> replay(String id, @Nullable String idempotencyKey, String fingerprint) {
		return Idempotency
			.replay(idempotencyKey, id, this.vitals::findById, VitalsRecord::requestFingerprint, fingerprint)
			.map((existing) -> new Recorded(existing, false));
	}

}
