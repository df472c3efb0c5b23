'use strict';

/* Shared by the console pages: same-origin JSON calls and small DOM helpers. No inline scripts. */
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

	/** One place for every HTTP call, so adding credentials later is a one-line change. */
	async function call(path, options) {
		const response = await fetch(path, Object.assign({ credentials: 'same-origin', headers: { 'Accept': 'application/json' } }, options || {}));
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
			headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
			body: JSON.stringify(data)
		});
	}

	function time(iso) {
		return iso ? new Date(iso).toLocaleString() : '';
	}

	return { SEVERITY_ORDER, element, showError, call, post, time };
})();
