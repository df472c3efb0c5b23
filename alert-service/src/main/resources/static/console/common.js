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

	const RULES_HIGH = 'Relapse risk HIGH: ';

	/**
	 * Why a relapse-risk alert fired, to read at a glance: the early warning's level and chance of use, its drivers in
	 * words (strongest first), the rules' signals when their HIGH holds too, and the model in small print. Null for
	 * every other alert (and relapse-risk alerts without a raised early warning): their evidence text says it all.
	 */
	function why(alert) {
		const values = alert.values || {};
		const level = values.lapseRiskLevel;
		if (alert.kind !== 'RELAPSE_RISK' || (level !== 'ELEVATED' && level !== 'HIGH')) {
			return null;
		}
		const box = element('div', null, 'why');
		const head = element('div', null, 'why-head');
		head.append(element('span', 'Early warning ' + level, 'lapse-level ' + level),
			element('span', values.lapseRiskPercent + '% chance of use in the next 7 days', 'lapse-percent'));
		box.append(head);
		const features = values.drivers ? values.drivers.split(',') : [];
		if (features.length) {
			const list = element('ul', null, 'drivers');
			for (const feature of features) {
				const item = element('li', values['driver:' + feature] || feature, 'driver');
				item.dataset.feature = feature;
				list.append(item);
			}
			box.append(list);
		}
		const rules = (alert.evidence || '').indexOf(RULES_HIGH);
		if (values.signals && rules >= 0) {
			box.append(element('div', 'Also ' + alert.evidence.substring(rules).replace(RULES_HIGH, 'relapse risk HIGH by the rules: '), 'rules'));
		}
		box.append(element('small', 'model ' + values.lapseRiskModel, 'model'));
		return box;
	}

	/** A table cell with the alert's evidence: why it fired, structured where it can be. */
	function evidence(alert) {
		const td = element('td', null, 'evidence');
		const explained = why(alert);
		if (explained) {
			td.append(explained);
		}
		else {
			td.textContent = alert.evidence;
		}
		return td;
	}

	return { SEVERITY_ORDER, element, showError, call, post, session, signInAgain, time, evidence };
})();
