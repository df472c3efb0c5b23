'use strict';

/*
 * The live inbox: active alerts, most severe first, then newest. The stream opens first and the list loads
 * after, so nothing raised in between is missed; each alert event replaces the row of its alert (or removes
 * it once resolved). Acknowledge and resolve happen in place.
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

	// Who takes the steps: the signed-in clinician (the server also knows it from the session).
	let me = null;
	document.getElementById('scope').textContent = scope.toString()
		? 'Showing ' + [...scope.entries()].map(([k, v]) => k + ' ' + v).join(', ') : 'Showing every program';

	function active(alert) {
		return alert.status === 'OPEN' || alert.status === 'ACKNOWLEDGED';
	}

	/** Keeps the newest state of an alert: its history only grows. */
	function upsert(alert, isNew) {
		const current = alerts.get(alert.id);
		if (current && current.history.length > alert.history.length) {
			return;
		}
		if (isNew && !current) {
			fresh.add(alert.id);
		}
		alerts.set(alert.id, alert);
		render();
	}

	function render() {
		const rows = [...alerts.values()]
			.filter(active)
			.sort((a, b) => (S.SEVERITY_ORDER[a.severity] - S.SEVERITY_ORDER[b.severity])
				|| (Date.parse(b.raisedAt) - Date.parse(a.raisedAt)))
			.map(row);
		tbody.replaceChildren(...rows);
		document.getElementById('empty').hidden = rows.length > 0;
		fresh.clear();
	}

	function row(alert) {
		const tr = S.element('tr', null, alert.severity + (fresh.has(alert.id) ? ' fresh' : ''));
		tr.dataset.alertId = alert.id;
		tr.dataset.status = alert.status;
		tr.append(S.element('td', alert.severity, 'severity'), S.element('td', alert.kind, 'kind'));
		const patient = S.element('td', null, 'patient');
		const link = S.element('a', alert.patientId);
		link.href = '/patient.html?patientId=' + encodeURIComponent(alert.patientId);
		patient.append(link);
		tr.append(patient, S.evidence(alert));
		const status = S.element('td', alert.status, 'status');
		if (alert.escalatedAt) {
			status.append(S.element('div', 'escalated' + (alert.escalatedTo ? ' to ' + alert.escalatedTo : ''), 'escalated'));
		}
		tr.append(status, S.element('td', S.time(alert.raisedAt), 'raised'));
		const actions = S.element('td', null, 'actions');
		if (alert.status === 'OPEN') {
			actions.append(button('Acknowledge', 'acknowledge', alert));
		}
		actions.append(button('Resolve', 'resolve', alert));
		tr.append(actions);
		return tr;
	}

	function button(label, action, alert) {
		const b = S.element('button', label, action);
		b.type = 'button';
		b.addEventListener('click', () => step(alert.id, action, b));
		return b;
	}

	async function step(id, action, b) {
		b.disabled = true;
		try {
			const by = me && (me.clinicianId || me.name);
			upsert(await S.post('/api/v1/alerts/' + encodeURIComponent(id) + '/' + action, by ? { by: by } : {}), false);
			S.showError('');
		}
		catch (error) {
			S.showError(error.message);
			b.disabled = false;
		}
	}

	async function load() {
		const query = new URLSearchParams(scope);
		query.append('status', 'OPEN');
		query.append('status', 'ACKNOWLEDGED');
		try {
			(await S.call('/api/v1/alerts?' + query)).forEach((alert) => upsert(alert, false));
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
		stream.addEventListener('alert', (event) => upsert(JSON.parse(event.data), true));
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

	S.session().then((user) => {
		me = user;
		connect();
		load();
	}, (error) => S.showError('Could not load the session: ' + error.message));
})();
