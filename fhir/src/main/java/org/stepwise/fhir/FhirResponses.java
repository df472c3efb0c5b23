package org.stepwise.fhir;

import org.hl7.fhir.instance.model.api.IBaseResource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

/** Resources as HTTP answers in FHIR's own media type. */
public final class FhirResponses {

	public static final String CONTENT_TYPE = FhirJson.MEDIA_TYPE + ";charset=UTF-8";

	private FhirResponses() {
	}

	public static ResponseEntity<String> of(HttpStatusCode status, IBaseResource resource) {
		return ResponseEntity.status(status)
			.header(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
			.body(FhirJson.encode(resource));
	}

}
