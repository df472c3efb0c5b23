'use strict';

/*
 * Shared by the console pages: same-origin JSON calls with the session cookie and the CSRF token, who is signed in,
 * sign-out, times in the program's zone, alerts in words (the server words them: /console/alerts), the
 * acknowledge and resolve steps with the note dialog, small DOM helpers. No inline scripts.
 */
window.Stepwise = (function () {
	const SEVERITY_ORDER = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };
	const STATUS_WORDS = { OPEN: 'Open', ACKNOWLEDGED: 'Acknowledged', RESOLVED: 'Resolved', AUTO_RESOLVED: 'Resolved automatically' };
	/** Resolving an alert of these severities needs a note of a few words (the server says so too). */
	const NOTE_REQUIRED = new Set(['CRITICAL', 'HIGH']);
	const NOTE_MIN_WORDS = 3;

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

	/**
	 * One place for every HTTP call: same origin, the session cookie, the CSRF token on changes. A refusal throws an
	 * Error whose message is the problem's detail (RFC 9457), with the problem itself as error.problem.
	 */
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
			const error = new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status));
			error.problem = body;
			error.status = response.status;
			throw error;
		}
		return body;
	}

	function post(path, data) {
		return call(path, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(data || {})
		});
	}

	/** Where the signed-in user's programs' times are shown: one zone per program. */
	let programs = [];

	/**
	 * Shows who is signed in and their program (with the zone its times are in), wires the sign-out button;
	 * resolves to the signed-in user.
	 */
	async function session() {
		const me = await call('/console/me');
		programs = me.programDetails || [];
		document.getElementById('me').textContent = me.name;
		const program = document.getElementById('program');
		if (program) {
			program.textContent = programs.map((p) => p.name + ' (times in ' + p.zone + ')').join(', ');
		}
		document.getElementById('sign-out').addEventListener('click', async () => {
			// the console's session ends here; the answer names the identity provider's end-session address,
			// which ends the provider's session too and comes back to /signed-out.html
			const signedOut = await call('/logout', { method: 'POST' });
			window.location.assign((signedOut && signedOut.location) || '/signed-out.html');
		});
		return me;
	}

	/** The zone of a program the user belongs to, else the browser's. */
	function zoneOf(programId) {
		const program = programs.find((p) => p.id === programId);
		return program ? program.zone : undefined;
	}

	/** A time in the program's zone, the zone named: "Dec 6, 2026, 09:42 PM CST". */
	function time(iso, zone) {
		if (!iso) {
			return '';
		}
		const options = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
		return format(iso, zone, options, (date, o) => date.toLocaleString('en-US', o));
	}

	/** A day (no time) in the program's zone. */
	function day(iso, zone) {
		if (!iso) {
			return '';
		}
		return format(iso, zone, { year: 'numeric', month: 'short', day: 'numeric' }, (date, o) => date.toLocaleDateString('en-US', o));
	}

	/** In the zone given; a zone the browser does not know falls back to UTC (named), never to no time at all. */
	function format(iso, zone, options, how) {
		const date = new Date(iso);
		try {
			return how(date, Object.assign({}, options, zone ? { timeZone: zone } : {}));
		}
		catch (error) {
			return how(date, Object.assign({}, options, { timeZone: 'UTC' }));
		}
	}

	function severityBadge(severity) {
		const badge = element('span', severity.charAt(0) + severity.substring(1).toLowerCase(), 'severity badge ' + severity);
		badge.dataset.severity = severity;
		return badge;
	}

	/**
	 * Why a relapse-risk alert fired, to read at a glance: the early warning's level and chance of use, its drivers in
	 * words (strongest first), the rules' signals when their HIGH holds too, and the model in small print. Null for
	 * every other alert (and relapse-risk alerts without a raised early warning): their evidence says it all.
	 */
	function why(alert) {
		const values = alert.values || {};
		const level = values.lapseRiskLevel;
		if (alert.kind !== 'RELAPSE_RISK' || (level !== 'ELEVATED' && level !== 'HIGH')) {
			return null;
		}
		const box = element('div', null, 'why');
		const head = element('div', null, 'why-head');
		head.append(element('span', 'Early warning ' + level.toLowerCase(), 'lapse-level ' + level),
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
		const rules = (alert.evidenceParts || []).find((part) => part.startsWith('Relapse risk high'));
		if (rules) {
			box.append(element('div', 'Also ' + rules.charAt(0).toLowerCase() + rules.substring(1), 'rules'));
		}
		box.append(element('small', 'model ' + values.lapseRiskModel, 'model'));
		return box;
	}

	/** The alert's evidence in words (a view of /console/alerts): structured where it can be. */
	function evidence(alert, tag) {
		const node = element(tag || 'div', null, 'evidence');
		const explained = why(alert);
		if (explained) {
			node.append(explained);
		}
		else {
			node.textContent = alert.evidence;
		}
		return node;
	}

	let dialog = null;

	/** The one note dialog of a page (a <dialog>: modal, focus kept inside, Escape cancels). */
	function noteDialog() {
		if (dialog) {
			return dialog;
		}
		dialog = element('dialog', null, 'note-dialog');
		dialog.id = 'note-dialog';
		dialog.setAttribute('aria-labelledby', 'note-title');
		const form = element('form');
		form.method = 'dialog';
		const title = element('h2', 'Resolve alert');
		title.id = 'note-title';
		const what = element('p', null, 'note-what');
		const label = element('label', 'Note');
		label.htmlFor = 'note-text';
		const text = element('textarea');
		text.id = 'note-text';
		text.name = 'note';
		text.rows = 3;
		text.maxLength = 2000;
		const hint = element('p', null, 'note-hint');
		hint.id = 'note-hint';
		text.setAttribute('aria-describedby', 'note-hint');
		const problem = element('p', null, 'error note-error');
		problem.id = 'note-error';
		problem.setAttribute('role', 'alert');
		problem.hidden = true;
		const buttons = element('div', null, 'dialog-buttons');
		const confirm = element('button', 'Resolve', 'confirm');
		confirm.type = 'submit';
		confirm.value = 'resolve';
		const cancel = element('button', 'Cancel', 'cancel');
		cancel.type = 'button';
		cancel.addEventListener('click', () => dialog.close('cancel'));
		buttons.append(confirm, cancel);
		form.append(title, what, label, text, hint, problem, buttons);
		dialog.append(form);
		document.body.append(dialog);
		return dialog;
	}

	function words(text) {
		return text.trim().split(/\s+/).filter((w) => w.length > 0).length;
	}

	/**
	 * Asks for the resolution note: required (at least three words) for CRITICAL and HIGH, optional otherwise.
	 * Resolves to the note ('' for none), or null when cancelled. onSubmit(note) is called on Resolve and may throw
	 * an Error (the server's problem), shown in the dialog, which then stays open.
	 */
	function askNote(alert, onSubmit) {
		const box = noteDialog();
		const required = NOTE_REQUIRED.has(alert.severity);
		const text = box.querySelector('#note-text');
		const problem = box.querySelector('#note-error');
		box.querySelector('.note-what').textContent = (alert.kindLabel || alert.kind) + ' (' + alert.severity.toLowerCase()
			+ ') for ' + alert.patientId;
		box.querySelector('#note-hint').textContent = required
			? 'A ' + alert.severity.toLowerCase() + ' alert needs a note of at least ' + NOTE_MIN_WORDS + ' words: what was done.'
			: 'Optional: what was done.';
		text.required = required;
		text.value = '';
		problem.hidden = true;
		return new Promise((resolve) => {
			const form = box.querySelector('form');
			async function submitted(event) {
				event.preventDefault();
				const note = text.value.trim();
				if (required && words(note) < NOTE_MIN_WORDS) {
					problem.textContent = 'Please write at least ' + NOTE_MIN_WORDS + ' words.';
					problem.hidden = false;
					text.focus();
					return;
				}
				try {
					await onSubmit(note);
					finish();
					box.close('done');
					resolve(note);
				}
				catch (error) {
					problem.textContent = error.message;
					problem.hidden = false;
				}
			}
			function cancelled() {
				if (box.returnValue !== 'done') {
					finish();
					resolve(null);
				}
			}
			function finish() {
				form.removeEventListener('submit', submitted);
				box.removeEventListener('close', cancelled);
			}
			form.addEventListener('submit', submitted);
			box.addEventListener('close', cancelled);
			box.returnValue = '';
			box.showModal();
			text.focus();
		});
	}

	/**
	 * Acknowledge or resolve an alert (a view of /console/alerts). Resolving always asks for the note first. Resolves
	 * to true once the server took the step; a refusal is shown (the problem's detail) and resolves to false.
	 */
	async function act(alert, action) {
		const path = '/api/v1/alerts/' + encodeURIComponent(alert.id) + '/' + action;
		if (action === 'acknowledge') {
			try {
				await post(path, {});
				showError('');
				return true;
			}
			catch (error) {
				showError('Could not acknowledge: ' + error.message);
				return false;
			}
		}
		const note = await askNote(alert, (text) => post(path, text ? { note: text } : {}));
		if (note === null) {
			return false;
		}
		showError('');
		return true;
	}

	/** The buttons for the next step of an alert: acknowledge first, then resolve. */
	function actions(alert, after) {
		const box = element('span', null, 'actions');
		if (alert.status !== 'OPEN' && alert.status !== 'ACKNOWLEDGED') {
			return box;
		}
		const action = alert.status === 'OPEN' ? 'acknowledge' : 'resolve';
		const button = element('button', action === 'acknowledge' ? 'Acknowledge' : 'Resolve…', action);
		button.type = 'button';
		button.setAttribute('aria-label', (action === 'acknowledge' ? 'Acknowledge ' : 'Resolve ') + (alert.kindLabel || alert.kind)
			+ ' alert for ' + alert.patientId);
		button.addEventListener('click', async () => {
			button.disabled = true;
			const done = await act(alert, action);
			button.disabled = false;
			if (done && after) {
				after();
			}
		});
		box.append(button);
		return box;
	}

	function statusWords(status) {
		return STATUS_WORDS[status] || status;
	}

	function patientLink(patientId) {
		const link = element('a', patientId);
		link.href = '/patient.html?patientId=' + encodeURIComponent(patientId);
		return link;
	}

	return {
		SEVERITY_ORDER, element, showError, call, post, session, signInAgain, time, day, zoneOf, evidence,
		severityBadge, statusWords, actions, act, patientLink
	};
})();
