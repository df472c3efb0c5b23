package org.stepwise.attendance.summary;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultZone the time zone of summaries when none is given (until programs carry
 * theirs)
 * @param unrecordedAfter how long after a session ended its missing attendance is
 * reported
 */
@ConfigurationProperties("stepwise.attendance")
public record AttendanceProperties(@DefaultValue("UTC") ZoneId defaultZone,
		@DefaultValue("6h") Duration unrecordedAfter) {
}
