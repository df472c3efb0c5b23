package org.stepwise.fhir;

import java.util.Comparator;
import java.util.List;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/** A search's matches as a page of a searchset Bundle, with links to itself and on. */
public final class SearchSets {

	/** The order pages are cut in: by lastUpdated, then id, so paging is stable. */
	public static final Comparator<Resource> BY_LAST_UPDATED = Comparator
		.comparing((Resource resource) -> resource.getMeta().getLastUpdated())
		.thenComparing(Resource::getIdPart);

	private SearchSets() {
	}

	/**
	 * The current request's URL with its parameters decoded, to be encoded once (the raw
	 * query string would be encoded again: {@code %7C} as {@code %257C}).
	 */
	private static UriComponentsBuilder currentSearch() {
		HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
			.getRequest();
		UriComponentsBuilder search = ServletUriComponentsBuilder.fromCurrentRequestUri();
		request.getParameterMap().forEach((name, values) -> search.queryParam(name, (Object[]) values));
		return search;
	}

	/**
	 * The page of {@code matches} (all of them, in {@link #BY_LAST_UPDATED} order) the
	 * search asks for, its links built from the current request.
	 */
	public static Bundle page(List<? extends Resource> matches, FhirSearch search) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(matches.size());
		bundle.addLink().setRelation("self").setUrl(currentSearch().encode().toUriString());
		if (search.offset() + search.count() < matches.size()) {
			bundle.addLink()
				.setRelation("next")
				.setUrl(currentSearch().replaceQueryParam("_offset", search.offset() + search.count())
					.replaceQueryParam("_count", search.count())
					.encode()
					.toUriString());
		}
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir/r4").toUriString();
		matches.stream()
			.skip(search.offset())
			.limit(search.count())
			.forEach((resource) -> bundle.addEntry()
				.setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdPart())
				.setResource(resource)
				.getSearch()
				.setMode(Bundle.SearchEntryMode.MATCH));
		return bundle;
	}

}
