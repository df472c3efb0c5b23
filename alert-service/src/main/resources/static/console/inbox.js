'use strict';

/*
 * The live inbox: one row per patient with active alerts, the row's severity the most severe of the patient's,
 * rows most severe first, then the newest alert; in a row, the patient's active alerts most severe first. The
 * stream opens first and the list loads after, so nothing raised in between is missed; each alert event loads that
 * alert (in words) again. Acknowledge, then resolve (with a note), in place.
 */
(function () {
	const S = window.Stepwise;
	const alerts = new Map();
	const page = new URLSearchParams(window.location.search);
	const scope = new URLSearchParams();
	for (const name of ['programId', 'clinicianId']) {
		if (page.get(name)) {
			scope.set(name, page.get(name));
		}
	}
	const live = document.getElementById('live');
	const tbody = document.querySelector('#inbox tbody');
	const fresh = new Set();

	// Only a narrowing the user asked for is said; the programs are in the header.
	document.getElementById('scope').textContent = page.get('clinicianId') ? '· alerts of ' + page.get('clinicianId') : '';

	function active(alert) {
		return alert.status === 'OPEN' || alert.status === 'ACKNOWLEDGED';
	}

	function inScope(alert) {
		return !scope.get('programId') || alert.programId === scope.get('programId');
	}

	/** Keeps the newest state of an alert: its history only grows. */
	function upsert(alert, isNew) {
		const current = alerts.get(alert.id);
		if (current && current.history.length > alert.history.length) {
			return;
		}
		if (isNew && !current) {
			fresh.add(alert.patientId);
		}
		alerts.set(alert.id, alert);
	}

	function bySeverityThenNewest(a, b) {
		return (S.SEVERITY_ORDER[a.severity] - S.SEVERITY_ORDER[b.severity]) || (Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
	}

	function render() {
		const patients = new Map();
		for (const alert of alerts.values()) {
			if (active(alert) && inScope(alert)) {
				if (!patients.has(alert.patientId)) {
					patients.set(alert.patientId, []);
				}
				patients.get(alert.patientId).push(alert);
			}
		}
		const groups = [...patients.values()].map((list) => list.sort(bySeverityThenNewest));
		groups.sort((a, b) => bySeverityThenNewest(a[0], b[0]));
		tbody.replaceChildren(...groups.map(row));
		document.getElementById('empty').hidden = groups.length > 0;
		fresh.clear();
	}

	function row(list) {
		const top = list[0];
		const tr = S.element('tr', null, top.severity + (fresh.has(top.patientId) ? ' fresh' : ''));
		tr.dataset.patientId = top.patientId;
		tr.dataset.severity = top.severity;
		const severity = S.element('td', null, 'row-severity');
		severity.append(S.severityBadge(top.severity));
		const patient = S.element('td', null, 'patient');
		patient.append(S.patientLink(top.patientId));
		const items = S.element('td', null, 'alerts');
		const ul = S.element('ul', null, 'alert-list');
		ul.append(...list.map(item));
		items.append(ul);
		tr.append(severity, patient, items);
		return tr;
	}

	function item(alert) {
		const li = S.element('li', null, 'alert-item ' + alert.severity);
		li.dataset.alertId = alert.id;
		li.dataset.status = alert.status;
		const head = S.element('div', null, 'alert-head');
		const kind = S.element('a', alert.kindLabel, 'kind');
		kind.href = '/alert.html?alertId=' + encodeURIComponent(alert.id);
		head.append(S.severityBadge(alert.severity), kind, S.element('span', S.statusWords(alert.status), 'status'));
		if (alert.escalatedAt) {
			head.append(S.element('span', 'escalated' + (alert.escalatedTo ? ' to ' + alert.escalatedTo : ''), 'escalated'));
		}
		const raised = S.element('span', 'raised ' + S.time(alert.raisedAt, alert.zone), 'raised');
		head.append(raised, S.actions(alert, () => refresh(alert.id, false)));
		li.append(head, S.evidence(alert));
		return li;
	}

	/** Loads one alert in words again (after a step, or when the stream says it changed). */
	async function refresh(id, isNew) {
		try {
			upsert(await S.call('/console/alerts/' + encodeURIComponent(id)), isNew);
			render();
		}
		catch (error) {
			if (error.status === 404) {
				alerts.delete(id);
				render();
			}
			else {
				S.showError('Could not load an alert: ' + error.message);
			}
		}
	}

	async function load() {
		try {
			(await S.call('/console/alerts?status=OPEN&status=ACKNOWLEDGED')).forEach((alert) => upsert(alert, false));
			render();
			S.showError('');
		}
		catch (error) {
			S.showError('Could not load alerts: ' + error.message);
		}
	}

	let opened = false;

	/** The live stream (EventSource sends the session cookie). */
	function connect() {
		const stream = new EventSource('/api/v1/alerts/stream?' + scope);
		stream.addEventListener('alert', (event) => refresh(JSON.parse(event.data).id, true));
		stream.addEventListener('open', () => {
			live.dataset.state = 'live';
			live.textContent = 'live';
			// After a reconnect, catch up on what changed while the stream was down.
			if (opened) {
				load();
			}
			opened = true;
		});
		stream.addEventListener('error', () => {
			live.dataset.state = 'reconnecting';
			live.textContent = 'reconnecting';
			if (stream.readyState === EventSource.CLOSED) {
				// Refused (e.g. 401 once the session's token expired) rather than dropped: check the session
				// (a 401 signs in again), then open a new stream.
				window.setTimeout(() => S.call('/console/me').then(connect, connect), 3000);
			}
		});
	}

	S.session().then(() => {
		connect();
		load();
	}, (error) => S.showError('Could not load the session: ' + error.message));
})();
