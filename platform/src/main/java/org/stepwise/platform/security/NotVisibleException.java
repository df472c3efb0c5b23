package org.stepwise.platform.security;

import org.springframework.http.HttpStatus;

import org.stepwise.platform.web.RequestRejectedException;

/**
 * Data the caller may not see (another program, another care team, another patient):
 * answered 404 like data that does not exist, so ids of other programs cannot be probed.
 */
public class NotVisibleException extends RequestRejectedException {

	public NotVisibleException() {
		super(HttpStatus.NOT_FOUND, "not_found", "No such resource");
	}

}
