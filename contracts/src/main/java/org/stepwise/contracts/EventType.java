package org.stepwise.contracts;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.alert.AlertChanged;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.VitalsRecorded;
import org.stepwise.contracts.attendance.AttendanceCorrected;
import org.stepwise.contracts.audit.AuditRecorded;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.SessionCancelled;
import org.stepwise.contracts.attendance.SessionChanged;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.RecommendationDecided;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.contracts.progress.ProgressAssessed;

/**
 * Every event type: its CloudEvents {@code type}, the topic it travels on and its payload
 * record. Within a major version ({@code .v1}) only additive, optional changes are
 * allowed.
 */
public enum EventType {

	SESSION_SCHEDULED("stepwise.attendance.session-scheduled.v1", Topics.ATTENDANCE, SessionScheduled.class),
	SESSION_CHANGED("stepwise.attendance.session-changed.v1", Topics.ATTENDANCE, SessionChanged.class),
	SESSION_CANCELLED("stepwise.attendance.session-cancelled.v1", Topics.ATTENDANCE, SessionCancelled.class),
	ATTENDANCE_RECORDED("stepwise.attendance.recorded.v1", Topics.ATTENDANCE, AttendanceRecorded.class),
	ATTENDANCE_CORRECTED("stepwise.attendance.corrected.v1", Topics.ATTENDANCE, AttendanceCorrected.class),
	CHECK_IN_SUBMITTED("stepwise.checkin.submitted.v1", Topics.CHECKINS, CheckInSubmitted.class),
	ASSESSMENT_SCORED("stepwise.assessment.scored.v1", Topics.ASSESSMENTS, AssessmentScored.class),
	PLAN_CHANGED("stepwise.plan.changed.v1", Topics.PLANS, PlanChanged.class),
	RECOMMENDATION_MADE("stepwise.plan.recommendation-made.v1", Topics.PLANS, RecommendationMade.class),
	RECOMMENDATION_DECIDED("stepwise.plan.recommendation-decided.v1", Topics.PLANS, RecommendationDecided.class),
	PROGRESS_ASSESSED("stepwise.progress.assessed.v1", Topics.PROGRESS, ProgressAssessed.class),
	ALERT_RAISED("stepwise.alert.raised.v1", Topics.ALERTS, AlertRaised.class),
	ALERT_CHANGED("stepwise.alert.changed.v1", Topics.ALERTS, AlertChanged.class),
	PROGRAM_UPDATED("stepwise.program.updated.v1", Topics.PROGRAMS, ProgramUpdated.class),
	AUDIT_RECORDED("stepwise.audit.recorded.v1", Topics.AUDIT, AuditRecorded.class),
	VITALS_RECORDED("stepwise.assessment.vitals-recorded.v1", Topics.ASSESSMENTS, VitalsRecorded.class);

	private static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

	private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(EventType::payload, Function.identity()));

	private final String type;

	private final String topic;

	private final Class<? extends StepwiseEvent> payload;

	EventType(String type, String topic, Class<? extends StepwiseEvent> payload) {
		this.type = type;
		this.topic = topic;
		this.payload = payload;
	}

	public String type() {
		return this.type;
	}

	public String topic() {
		return this.topic;
	}

	public Class<? extends StepwiseEvent> payload() {
		return this.payload;
	}

	/**
	 * The schema resource of this type, e.g.
	 * {@code /schemas/stepwise.attendance.recorded.v1.json}.
	 */
	public String schemaResource() {
		return "/schemas/" + this.type + ".json";
	}

	public static EventType of(StepwiseEvent event) {
		return BY_CLASS.get(event.getClass());
	}

	/**
	 * @throws InvalidEventException for a type Stepwise does not know
	 */
	public static EventType fromType(@Nullable String type) {
		// Map.get(null) on an unmodifiable map throws NullPointerException
		EventType eventType = (type != null) ? BY_TYPE.get(type) : null;
		if (eventType == null) {
			throw new InvalidEventException("unknown event type");
		}
		return eventType;
	}

}
