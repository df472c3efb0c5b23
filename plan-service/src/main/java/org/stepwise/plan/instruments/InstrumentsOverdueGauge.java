package org.stepwise.plan.instruments;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.stepwise.contracts.program.ProgramType;
import org.stepwise.plan.programs.Program;
import org.stepwise.plan.programs.Programs;
import org.stepwise.plan.progress.Evaluations;
import org.stepwise.plan.progress.PatientIndex;
import org.stepwise.plan.progress.domain.InstrumentSchedule;

/**
 * {@code stepwise.instruments.overdue{program_type, instrument}}: patients with a
 * scheduled instrument past its due date, recounted from the small index entries. The
 * program type is the program's declared types joined with "+" in a fixed order
 * ({@code ADDICTION+ADOLESCENT}), {@code none} for a program without types (monitored as
 * addiction and mental health), so a sum over program types counts each patient once. An
 * instrument a program schedules reads 0 while none is overdue. No patient or program id
 * is a tag.
 */
@Component
class InstrumentsOverdueGauge {

	private final MongoTemplate mongo;

	private final Programs programs;

	private final Evaluations evaluations;

	private final MultiGauge overdue;

	InstrumentsOverdueGauge(MongoTemplate mongo, Programs programs, Evaluations evaluations, MeterRegistry meters) {
		this.mongo = mongo;
		this.programs = programs;
		this.evaluations = evaluations;
		this.overdue = MultiGauge.builder("stepwise.instruments.overdue")
			.description("Patients with a scheduled instrument past its due date, by program type and instrument")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${stepwise.plan.gauge-refresh:30s}", initialDelay = 1000)
	void refresh() {
		Query entries = new Query();
		entries.fields().include("programId").include("instrumentsDue");
		Map<String, String> typeOf = new HashMap<>();
		Map<String, LocalDate> todayIn = new HashMap<>();
		Map<Tags, Long> counts = new HashMap<>();
		// every instrument a program schedules reads 0 rather than nothing while none is
		// overdue, so dashboards tell "none overdue" from "not reported"
		for (Program program : this.programs.all()) {
			String type = typeOf.computeIfAbsent(program.programId(), (id) -> ProgramType.tagOf(program.types()));
			Programs.Settings settings = this.programs.settings(program.programId());
			InstrumentSchedule.of(settings.focus(), settings.thresholds())
				.everyDays()
				.keySet()
				.forEach((instrument) -> counts
					.putIfAbsent(Tags.of("program_type", type, "instrument", instrument.name()), 0L));
		}
		// streamed: one small entry at a time, never every patient's at once
		try (Stream<PatientIndex> all = this.mongo.stream(entries, PatientIndex.class)) {
			all.forEach((entry) -> {
				String programId = entry.programId();
				if (programId == null || entry.instrumentsDue().isEmpty()) {
					return;
				}
				LocalDate today = todayIn.computeIfAbsent(programId, this.evaluations::today);
				String type = typeOf.computeIfAbsent(programId, this.programs::typeTag);
				entry.instrumentsDue().forEach((instrument, dueOn) -> {
					if (today.isAfter(dueOn)) {
						counts.merge(Tags.of("program_type", type, "instrument", instrument), 1L, Long::sum);
					}
				});
			});
		}
		List<MultiGauge.Row<?>> rows = counts.entrySet()
			.stream().<MultiGauge.Row<?>>map((count) -> MultiGauge.Row.of(count.getKey(), count.getValue())).toList();
		this.overdue.register(rows, true);
	}

}
