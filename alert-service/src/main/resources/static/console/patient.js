'use strict';

/*
 * The patient page: the plan and its history, recommendations to approve or decline, current signals in words
 * (plan-service, through the console's proxy), the alerts with their next step, and charts of PHQ-9/GAD-7, check-ins,
 * attendance and, for a patient with any, EDE-QS, weight and heart rate (the timeline read model). Times on the
 * program's clock.
 */
(function () {
	const S = window.Stepwise;
	const C = window.StepwiseCharts;
	const patientId = new URLSearchParams(window.location.search).get('patientId') || '';
	const id = encodeURIComponent(patientId);
	document.getElementById('patient').textContent = patientId;
	document.title = 'Stepwise - patient ' + patientId;
	const LEVEL_WORDS = { LOW: 'Low', MODERATE: 'Moderate', HIGH: 'High' };
	const MODE_WORDS = { AUTOMATIC: 'Automatic (changes within the guardrails)', RECOMMEND_ONLY: 'Recommend only (a clinician approves)' };
	const DIRECTION_WORDS = { ENROLLED: 'Enrolled', STEP_UP: 'Stepped up', STEP_DOWN: 'Stepped down', UNCHANGED_INTENSITY: 'Settings', REVERTED: 'Reverted' };
	let zone;

	function text(idName, value) {
		document.getElementById(idName).textContent = value;
	}

	/** A soft failure: plan-service has no plan, or did not answer; the rest of the page still shows. */
	async function optional(path) {
		try {
			return { body: await S.call(path) };
		}
		catch (error) {
			return { error: error };
		}
	}

	function reasons(list) {
		const ul = S.element('ul', null, 'reasons');
		for (const reason of list || []) {
			const words = reason.words || reason.evidence || '';
			ul.append(S.element('li', (reason.label || reason.code) + (words ? ': ' + words : '')));
		}
		return ul;
	}

	function plan(result) {
		if (result.error) {
			text('plan-note', result.error.status === 404 ? 'No plan in plan-service for this patient (or not yours to see).'
				: 'Could not load the plan: ' + result.error.message);
			return;
		}
		const p = result.body.plan;
		text('plan-level', 'ASAM ' + p.levelOfCare.code + (p.adolescent ? ' (adolescent)' : ''));
		text('plan-hours', p.weeklyHours + ' h' + (p.bounds && (p.bounds.minHours || p.bounds.maxHours)
			? ' (bounds ' + (p.bounds.minHours || '-') + ' to ' + (p.bounds.maxHours || '-') + ' h)' : ''));
		text('plan-sessions', String(p.sessionsPerWeek));
		text('plan-mode', MODE_WORDS[p.mode] || p.mode);
		text('plan-lock', p.locked ? 'Locked: the rules do not change it' : 'Not locked');
		text('plan-note', 'Version ' + p.version + ', since ' + S.day(p.occurredAt, zone) + '; care team ' + p.careTeam.join(', '));
	}

	function history(result) {
		const tbody = document.querySelector('#plan-history tbody');
		if (result.error) {
			tbody.replaceChildren();
			return;
		}
		tbody.replaceChildren(...[...result.body].reverse().map((v) => {
			const tr = S.element('tr');
			tr.dataset.version = v.version;
			const why = S.element('td');
			why.append(reasons(v.reasons));
			tr.append(S.element('td', String(v.version)), S.element('td', S.time(v.occurredAt, zone)),
				S.element('td', 'ASAM ' + v.levelOfCare.code + ', ' + v.weeklyHours + ' h'),
				S.element('td', (DIRECTION_WORDS[v.direction] || v.direction) + (v.locked ? ' (locked)' : '')),
				S.element('td', v.changedBy), why);
			return tr;
		}));
	}

	function recommendations(result) {
		const box = document.getElementById('recommendations');
		if (result.error) {
			box.replaceChildren(S.element('p', result.error.status === 404 ? 'None.' : 'Could not load: ' + result.error.message, 'muted'));
			return;
		}
		const list = [...result.body].sort((a, b) => (a.status === 'PENDING' ? 0 : 1) - (b.status === 'PENDING' ? 0 : 1)
			|| Date.parse(b.madeAt) - Date.parse(a.madeAt)).slice(0, 6);
		if (list.length === 0) {
			box.replaceChildren(S.element('p', 'None.', 'muted'));
			return;
		}
		box.replaceChildren(...list.map((r) => {
			const div = S.element('div', null, 'recommendation');
			div.dataset.recommendationId = r.recommendationId;
			div.dataset.status = r.status;
			div.append(S.element('strong', (r.label || r.kind) + ': ASAM ' + r.fromLevel.code + ' to ' + r.toLevel.code),
				S.element('div', r.status === 'PENDING' ? 'Awaiting a decision since ' + S.time(r.madeAt, zone)
					: (r.status === 'APPROVED' ? 'Approved' : 'Declined') + ' by ' + r.decidedBy + ', ' + S.time(r.decidedAt, zone), 'muted status'),
				reasons(r.reasons));
			if (r.status === 'PENDING') {
				const buttons = S.element('div', null, 'decision');
				buttons.append(decision(r, 'approve', 'Approve'), decision(r, 'decline', 'Decline'));
				div.append(buttons);
			}
			return div;
		}));
	}

	function decision(r, action, label) {
		const b = S.element('button', label, action);
		b.type = 'button';
		b.setAttribute('aria-label', label + ' ' + (r.label || r.kind).toLowerCase() + ' to ASAM ' + r.toLevel.code);
		b.addEventListener('click', async () => {
			b.disabled = true;
			try {
				await S.call('/console/recommendations/' + encodeURIComponent(r.recommendationId) + '/' + action, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', 'Idempotency-Key': r.recommendationId + '-' + action },
					body: JSON.stringify({ reason: label.toLowerCase() + 'd in the console' })
				});
				S.showError('');
				await loadPlan();
			}
			catch (error) {
				S.showError('Could not ' + action + ': ' + error.message);
				b.disabled = false;
			}
		});
		return b;
	}

	function progress(result) {
		const list = document.getElementById('signals');
		if (result.error) {
			text('risk', result.error.status === 404 ? 'No progress assessment yet.' : 'Could not load the signals: ' + result.error.message);
			list.replaceChildren();
			return;
		}
		const p = result.body;
		const warning = p.lapseRisk && p.lapseRisk.level !== 'LOW'
			? '; early warning ' + p.lapseRisk.level.toLowerCase() + ', ' + p.lapseRisk.percent + '% chance of use in the next 7 days' : '';
		text('risk', 'Relapse risk ' + (LEVEL_WORDS[p.riskLevel] || p.riskLevel).toLowerCase() + warning
			+ (p.assessedAt ? ' (assessed ' + S.time(p.assessedAt, p.zone || zone) + ')' : ''));
		list.replaceChildren(...(p.signals.length ? p.signals.map((s) => {
			const li = S.element('li', null, 'signal');
			li.dataset.kind = s.kind;
			li.append(S.severityBadge(s.severity), ' ', S.element('strong', s.label || s.kind), ': ' + (s.words || s.evidence));
			return li;
		}) : [S.element('li', 'No signal holds.', 'muted')]));
		const criteria = Object.entries(p.readiness || {});
		text('readiness', p.stepDownReady ? 'Every step-down criterion holds.'
			: criteria.length ? criteria.filter(([, met]) => met).length + ' of ' + criteria.length + ' step-down criteria hold.' : '');
		// after discharge: the aftercare week and the next check-in or check-up, in words
		text('aftercare', p.aftercare ? p.aftercare.words + '.' : '');
		// the program's instrument schedule in words (plan-service); a reminder, never an alert
		const due = p.instruments || [];
		text('instruments', due.length ? 'Instruments: ' + due.map((i) => i.words).join('; ') + '.' : '');
	}

	function alertRow(alert) {
		const tr = S.element('tr', null, alert.severity);
		tr.dataset.alertId = alert.id;
		tr.dataset.status = alert.status;
		const severity = S.element('td');
		severity.append(S.severityBadge(alert.severity));
		const kind = S.element('td');
		const link = S.element('a', alert.kindLabel, 'kind');
		link.href = '/alert.html?alertId=' + encodeURIComponent(alert.id);
		kind.append(link);
		const next = S.element('td');
		next.append(S.actions(alert, loadAlerts));
		tr.append(severity, kind, S.element('td', S.statusWords(alert.status), 'status'),
			S.element('td', S.time(alert.raisedAt, alert.zone)), S.evidence(alert, 'td'), next);
		return tr;
	}

	/** Active alerts in the table; resolved ones folded away below it. */
	function alertsTable(alerts) {
		const active = alerts.filter((alert) => alert.status === 'OPEN' || alert.status === 'ACKNOWLEDGED');
		const closed = alerts.filter((alert) => !active.includes(alert));
		const tbody = document.querySelector('#alerts tbody');
		tbody.replaceChildren(...active.map(alertRow));
		if (active.length === 0) {
			const tr = S.element('tr');
			const td = S.element('td', 'No active alerts.', 'muted');
			td.colSpan = 6;
			tr.append(td);
			tbody.replaceChildren(tr);
		}
		const folded = document.getElementById('closed-alerts');
		folded.hidden = closed.length === 0;
		text('closed-count', String(closed.length));
		folded.querySelector('tbody').replaceChildren(...closed.map(alertRow));
	}

	function charts(entries) {
		const scores = entries.filter((e) => e.type === 'PHQ9' || e.type === 'GAD7');
		C.lines(document.getElementById('scores-chart'), zone, scores.map((e) => e.at), [
			{ label: 'PHQ-9', color: '#1d4ed8', values: scores.map((e) => e.type === 'PHQ9' ? e.total : null) },
			{ label: 'GAD-7', color: '#b45309', values: scores.map((e) => e.type === 'GAD7' ? e.total : null) }
		], [0, 27], [
			{ value: 10, label: 'PHQ-9 / GAD-7 moderate 10', color: '#6b7280' },
			{ value: 15, label: 'PHQ-9 mod. severe / GAD-7 severe 15', color: '#b45309' },
			{ value: 20, label: 'PHQ-9 severe 20', color: '#a40e0e' }
		], 'No PHQ-9 or GAD-7 yet.');
		const checkIns = entries.filter((e) => e.type === 'CHECK_IN');
		C.lines(document.getElementById('checkins-chart'), zone, checkIns.map((e) => e.at), [
			{ label: 'Craving', color: '#b91c1c', values: checkIns.map((e) => e.craving) },
			{ label: 'Mood', color: '#1d4ed8', values: checkIns.map((e) => e.mood) },
			{ label: 'Confidence', color: '#15803d', values: checkIns.map((e) => e.confidence === undefined ? null : e.confidence) }
		], [0, 10], [{ value: 7, label: 'craving high 7', color: '#b91c1c' }], 'No check-ins yet.');
		eatingDisorder(entries);
		const records = entries.filter((e) => e.type === 'ATTENDANCE');
		C.attendance(document.getElementById('attendance-chart'), zone, records);
		const counted = records.filter((e) => e.status !== 'EXCUSED' && e.status !== 'CANCELLED_BY_PROGRAM');
		const present = counted.filter((e) => e.present).length;
		text('attendance-summary', counted.length
			? present + ' of ' + counted.length + ' sessions attended (' + Math.round(100 * present / counted.length) + '%)'
			: 'No attendance recorded yet.');
	}

	/** EDE-QS, weight and heart rate: shown only for a patient with any of them (eating-disorder programs). */
	function eatingDisorder(entries) {
		const edeqs = entries.filter((e) => e.type === 'EDEQS');
		const vitals = entries.filter((e) => e.type === 'VITALS');
		document.getElementById('eating-disorder').hidden = edeqs.length === 0 && vitals.length === 0;
		if (edeqs.length === 0 && vitals.length === 0) {
			return;
		}
		C.lines(document.getElementById('edeqs-chart'), zone, edeqs.map((e) => e.at), [
			{ label: 'EDE-QS', color: '#7c3aed', values: edeqs.map((e) => e.total) }
		], [0, 36], [], 'No EDE-QS yet.');
		const weighed = vitals.filter((e) => e.weightKg !== null && e.weightKg !== undefined);
		const kg = weighed.map((e) => e.weightKg);
		C.lines(document.getElementById('weight-chart'), zone, weighed.map((e) => e.at), [
			{ label: 'Weight (kg)', color: '#0f766e', values: kg }
		], kg.length ? [Math.floor(Math.min(...kg)) - 2, Math.ceil(Math.max(...kg)) + 2] : [0, 1], [], 'No weight recorded yet.');
		const pulses = vitals.filter((e) => e.heartRatePerMin !== null && e.heartRatePerMin !== undefined);
		const rates = pulses.map((e) => e.heartRatePerMin);
		C.lines(document.getElementById('heart-chart'), zone, pulses.map((e) => e.at), [
			{ label: 'Heart rate by day', color: '#1d4ed8', values: pulses.map((e) => e.timeOfDay === 'NIGHT' ? null : e.heartRatePerMin) },
			{ label: 'Heart rate at night', color: '#6b21a8', values: pulses.map((e) => e.timeOfDay === 'NIGHT' ? e.heartRatePerMin : null) }
		], [30, Math.max(110, ...rates) + 10], [
			{ value: 50, label: 'by day under 50', color: '#a40e0e' },
			{ value: 45, label: 'at night under 45', color: '#6b7280' }
		], 'No heart rate recorded yet.');
	}

	/** One instrument's questions, as assessment-service words them, with the source named. */
	function questions(instrument, itemIds) {
		const block = S.element('div', null, 'instrument');
		block.append(S.element('h3', instrument.title));
		if (instrument.stem) {
			block.append(S.element('p', instrument.stem));
		}
		const list = S.element('ol');
		for (const item of instrument.items.filter((i) => !itemIds || itemIds.includes(i.id))) {
			const answers = item.options.map((o) => o.value + ' ' + o.label).join(', ');
			list.append(S.element('li', item.text + (answers ? ' (' + answers + ')' : '')));
		}
		block.append(list);
		block.append(S.element('p', 'Source: ' + instrument.source.citation, 'source'));
		return block;
	}

	/** What the charts' lines are the answers to; the page works without it. */
	async function loadQuestions() {
		const result = await optional('/console/instruments');
		if (result.error) {
			return;
		}
		const byName = Object.fromEntries(result.body.map((i) => [i.instrument, i]));
		const scores = document.getElementById('scores-questions');
		for (const name of ['PHQ9', 'GAD7']) {
			if (byName[name]) {
				scores.append(questions(byName[name]));
			}
		}
		if (byName.CHECK_IN) {
			document.getElementById('checkins-questions').append(questions(byName.CHECK_IN, ['craving', 'mood', 'confidence']));
		}
	}

	async function loadAlerts() {
		alertsTable(await S.call('/console/alerts?patientId=' + id));
	}

	async function loadPlan() {
		const [current, versions, recs] = await Promise.all([optional('/console/patients/' + id + '/plan'),
			optional('/console/patients/' + id + '/plan/history'), optional('/console/patients/' + id + '/recommendations')]);
		plan(current);
		history(versions);
		recommendations(recs);
	}

	async function load(me) {
		try {
			const alerts = await S.call('/console/alerts?patientId=' + id);
			zone = alerts.length ? alerts[0].zone : (me.programDetails.length === 1 ? me.programDetails[0].zone : undefined);
			const [entries, signals] = await Promise.all([S.call('/api/v1/patients/' + id + '/timeline'),
				optional('/console/patients/' + id + '/progress')]);
			if (!alerts.length && signals.body && signals.body.zone) {
				zone = signals.body.zone;
			}
			alertsTable(alerts);
			progress(signals);
			await Promise.all([loadPlan(), loadQuestions()]);
			charts(entries);
			document.body.dataset.loaded = 'true';
		}
		catch (error) {
			S.showError('Could not load the patient: ' + error.message);
		}
	}

	S.session().then(load, (error) => S.showError('Could not load the session: ' + error.message));
})();
