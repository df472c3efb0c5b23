package org.stepwise.simulator.programs;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One request to a service's API, as {@link ProgramMix} plans it and the demo sends it.
 *
 * @param service the service's name (e.g. {@code plan-service})
 * @param path may name an id an earlier call answered, as {@code {name}}
 * @param client the demo account (OAuth2 client) whose token the request carries
 * @param idempotencyKey null for requests that are idempotent by themselves (PUT)
 * @param body the JSON body
 * @param answersId the name under which the {@code id} of the answer is kept for later
 * paths (a session's id for its attendance); null when nothing refers to it
 */
public record ApiCall(String service, String method, String path, String client, @Nullable String idempotencyKey,
		Map<String, Object> body, @Nullable String answersId) {

	static ApiCall post(String service, String path, String client, String idempotencyKey, Map<String, Object> body) {
		return new ApiCall(service, "POST", path, client, idempotencyKey, body, null);
	}

	ApiCall answeringId(String name) {
		return new ApiCall(this.service, this.method, this.path, this.client, this.idempotencyKey, this.body, name);
	}

	/**
	 * The path with the id it names taken from earlier answers; empty when that answer
	 * had none (the call it depends on failed).
	 */
	public Optional<String> pathWith(Map<String, String> answeredIds) {
		int open = this.path.indexOf('{');
		if (open < 0) {
			return Optional.of(this.path);
		}
		int close = this.path.indexOf('}', open);
		return Optional.ofNullable(answeredIds.get(this.path.substring(open + 1, close)))
			.map((id) -> this.path.substring(0, open) + id + this.path.substring(close + 1));
	}

}
