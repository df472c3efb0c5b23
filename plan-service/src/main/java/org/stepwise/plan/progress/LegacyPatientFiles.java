package org.stepwise.plan.progress;

import java.util.List;

import org.bson.Document;

import org.springframework.data.mongodb.core.mapping.event.AfterConvertCallback;
import org.springframework.stereotype.Component;

/**
 * Reads patient documents written before requests had their own list (issue 19): their
 * {@code appliedEventIds}, which the record no longer has, still hold the idempotent
 * requests a client may be retrying. A callback rather than a persistence creator, so the
 * record stays the entity Spring Data copies on save.
 */
@Component
class LegacyPatientFiles implements AfterConvertCallback<PatientFile> {

	static final String APPLIED_EVENT_IDS = "appliedEventIds";

	@Override
	public PatientFile onAfterConvert(PatientFile file, Document document, String collection) {
		return (document.get(APPLIED_EVENT_IDS) instanceof List<?> ids) ? file.withLegacyRequests(ids) : file;
	}

}
