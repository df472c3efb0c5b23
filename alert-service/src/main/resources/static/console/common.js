'use strict';

/*
 * Shared by the console pages: same-origin JSON calls with the session cookie and the CSRF token, who is signed in,
 * sign-out, small DOM helpers. No inline scripts.
 */
window.Stepwise = (function () {
	const SEVERITY_ORDER = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

	function element(tag, text, className) {
		const node = document.createElement(tag);
		if (text !== undefined && text !== null) {
			node.textContent = String(text);
		}
		if (className) {
			node.className = className;
		}
		return node;
	}

	function showError(message) {
		const box = document.getElementById('error');
		box.textContent = message;
		box.hidden = !message;
	}

	/** The CSRF token the server keeps in the XSRF-TOKEN cookie: sent back as a header on every POST. */
	function csrfToken() {
		const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
		return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
	}

	/** The session ended (its token expired): load the page again, which signs in again. */
	function signInAgain() {
		window.location.reload();
	}

	/** One place for every HTTP call: same origin, the session cookie, the CSRF token on changes. */
	async function call(path, options) {
		const request = Object.assign({ credentials: 'same-origin', redirect: 'error' }, options || {});
		request.headers = Object.assign({ 'Accept': 'application/json' }, request.headers || {});
		if (request.method && request.method !== 'GET') {
			request.headers['X-XSRF-TOKEN'] = csrfToken();
		}
		const response = await fetch(path, request);
		if (response.status === 401) {
			signInAgain();
			throw new Error('Signing in again');
		}
		const body = response.headers.get('Content-Type') && response.headers.get('Content-Type').includes('json')
			? await response.json() : null;
		if (!response.ok) {
			throw new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status));
		}
		return body;
	}

	function post(path, data) {
		return call(path, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(data)
		});
	}

	/** Shows who is signed in and wires the sign-out button; resolves to the signed-in user. */
	async function session() {
		const me = await call('/console/me');
		document.getElementById('me').textContent = me.name;
		document.getElementById('sign-out').addEventListener('click', async () => {
			await call('/logout', { method: 'POST' });
			window.location.assign('/signed-out.html');
		});
		return me;
	}

	function time(iso) {
		return iso ? new Date(iso).toLocaleString() : '';
	}

	return { SEVERITY_ORDER, element, showError, call, post, session, signInAgain, time };
})();
