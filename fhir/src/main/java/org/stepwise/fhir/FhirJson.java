package org.stepwise.fhir;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import org.hl7.fhir.instance.model.api.IBaseResource;

import org.springframework.http.HttpStatus;

/**
 * FHIR R4 JSON in and out with HAPI's own parser (the services' Jackson stays as it is).
 * Parsing is strict: an unknown element, a value of the wrong JSON type or an invalid
 * primitive is a 400 naming the element, never the value.
 */
public final class FhirJson {

	/** One context for the process: building it reads the whole R4 model (seconds). */
	public static final FhirContext R4 = FhirContext.forR4Cached();

	public static final String MEDIA_TYPE = "application/fhir+json";

	private FhirJson() {
	}

	/**
	 * @param root the resource type expected, as the root of the issues' expressions
	 * @throws FhirRejection (400) naming each element the parser refused
	 */
	public static IBaseResource parse(String json, String root) {
		Issues issues = new Issues(root);
		IParser parser = R4.newJsonParser().setParserErrorHandler(issues);
		IBaseResource resource;
		try {
			resource = parser.parseResource(json);
		}
		catch (DataFormatException | IllegalArgumentException ex) {
			// HAPI's message may quote the body: say only that it is not FHIR JSON
			issues.add(FhirIssue.invalid(root, "is not a FHIR R4 resource in JSON"));
			throw new FhirRejection(HttpStatus.BAD_REQUEST, "unreadable_resource", issues.found);
		}
		if (!issues.found.isEmpty()) {
			throw new FhirRejection(HttpStatus.BAD_REQUEST, "unreadable_resource", issues.located(json));
		}
		return resource;
	}

	/**
	 * The parsed resource as the type the endpoint takes.
	 * @param expression where the resource stands, for the issue
	 * @throws FhirRejection (422) naming both types when it is another
	 */
	public static <T extends IBaseResource> T as(Class<T> type, IBaseResource resource, String expression) {
		if (type.isInstance(resource)) {
			return type.cast(resource);
		}
		throw FhirRejection.unprocessable(List.of(FhirIssue.notSupported(expression,
				"must be " + article(type.getSimpleName()) + ", not " + article(resource.fhirType()))));
	}

	private static String article(String resourceType) {
		return ("AEIOU".indexOf(resourceType.charAt(0)) >= 0 ? "an " : "a ") + resourceType;
	}

	public static String encode(IBaseResource resource) {
		return R4.newJsonParser().encodeResourceToString(resource);
	}

	/** What the parser found wrong, by element (the parent's name and the element's). */
	private static final class Issues extends ErrorHandlerAdapter {

		private static final String NOT_AN_ELEMENT = "is not an element of this resource in FHIR R4";

		private final List<FhirIssue> found = new ArrayList<>();

		private int unknown;

		private final String root;

		Issues(String root) {
			this.root = root;
		}

		void add(FhirIssue issue) {
			this.found.add(issue);
		}

		/**
		 * The issues, each unknown element named where it is when the JSON shows it (the
		 * parser does not say).
		 */
		List<FhirIssue> located(String json) {
			if (this.unknown == 0) {
				return this.found;
			}
			List<String> places = UnknownElements.in(json, R4);
			if (places.size() != this.unknown) {
				return this.found;
			}
			List<FhirIssue> located = new ArrayList<>();
			int next = 0;
			for (FhirIssue issue : this.found) {
				located.add(issue.message().equals(NOT_AN_ELEMENT)
						? FhirIssue.invalid(places.get(next++), NOT_AN_ELEMENT) : issue);
			}
			return located;
		}

		/**
		 * The parser knows only the parent's name, not its path: an element of the root,
		 * or that element of any element so named, as FHIRPath.
		 */
		private String at(IParseLocation location, String element) {
			String parent = (location == null) ? null : location.getParentElementName();
			String suffix = (element == null) ? "" : "." + element;
			if (parent == null || parent.isEmpty() || parent.equals(this.root)) {
				return this.root + suffix;
			}
			return "(" + this.root + " | " + this.root + ".descendants())." + parent + suffix;
		}

		@Override
		public void unknownElement(IParseLocation location, String element) {
			this.unknown++;
			add(FhirIssue.invalid(at(location, element), NOT_AN_ELEMENT));
		}

		@Override
		public void unknownAttribute(IParseLocation location, String attribute) {
			this.unknown++;
			add(FhirIssue.invalid(at(location, attribute), NOT_AN_ELEMENT));
		}

		@Override
		public void incorrectJsonType(IParseLocation location, String element, BaseJsonLikeValue.ValueType expected,
				BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
				BaseJsonLikeValue.ScalarType foundScalar) {
			add(FhirIssue.invalid(at(location, element), "has the wrong JSON type: expected "
					+ ((expectedScalar != null) ? expectedScalar : expected).toString().toLowerCase()));
		}

		@Override
		public void invalidValue(IParseLocation location, String value, String error) {
			add(FhirIssue.value(at(location, null), "is not a valid value for its type"));
		}

		@Override
		public void unexpectedRepeatingElement(IParseLocation location, String element) {
			add(FhirIssue.invalid(at(location, element), "may appear only once"));
		}

		@Override
		public void missingRequiredElement(IParseLocation location, String element) {
			add(FhirIssue.required(at(location, element), "is required"));
		}

	}

}
