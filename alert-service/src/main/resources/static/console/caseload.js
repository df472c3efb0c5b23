'use strict';

/*
 * The signed-in clinician's caseload (/console/caseload): level of care (with the phase after treatment under it:
 * "Aftercare, week 5"), hours, relapse-risk level with its trend against a week ago, last check-in, attendance share
 * over 14 days, scheduled instruments due or overdue (from plan-service, in words: "PHQ-9 overdue 5 days"), open
 * alerts. Every column sorts (its header is a button; again reverses), the sort said in aria-sort. Without
 * plan-service the caseload still shows, its instruments unknown.
 */
(function () {
	const S = window.Stepwise;
	const RISK_ORDER = { LOW: 0, MODERATE: 1, HIGH: 2 };
	const RISK_WORDS = { LOW: 'Low', MODERATE: 'Moderate', HIGH: 'High' };
	const TREND_WORDS = { up: '\u2191 up', down: '\u2193 down', steady: '\u2192 steady' };
	const SEVERITY_RANK = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };
	let rows = [];
	/* patientId -> instruments due or overdue, most overdue first; null while plan-service has not answered */
	let instruments = null;
	let sort = { key: 'patientId', direction: 1 };

	/** The value a column sorts by; missing values last whatever the direction. */
	function value(row, key) {
		switch (key) {
			case 'risk': return row.riskLevel ? RISK_ORDER[row.riskLevel] * 1000 + (row.lapsePercent || 0) : null;
			case 'levelOfCare': return row.levelOfCare ? parseFloat(row.levelOfCare) : null;
			case 'weeklyHours': return row.weeklyHours === null ? null : Number(row.weeklyHours);
			case 'lastCheckInAt': return row.lastCheckInAt ? Date.parse(row.lastCheckInAt) : null;
			case 'openAlerts': return row.openAlerts * 10 + (SEVERITY_RANK[row.topSeverity] || 0);
			case 'instruments': {
				const due = instruments && instruments[row.patientId];
				return due ? due[0].overdueDays : null;
			}
			default: return row[key];
		}
	}

	function compare(a, b) {
		const x = value(a, sort.key);
		const y = value(b, sort.key);
		if (x === null || x === undefined) {
			return (y === null || y === undefined) ? a.patientId.localeCompare(b.patientId) : 1;
		}
		if (y === null || y === undefined) {
			return -1;
		}
		const order = typeof x === 'string' ? x.localeCompare(y) : x - y;
		return sort.direction * order || a.patientId.localeCompare(b.patientId);
	}

	function render() {
		for (const th of document.querySelectorAll('#caseload th')) {
			if (th.dataset.key === sort.key) {
				th.setAttribute('aria-sort', sort.direction > 0 ? 'ascending' : 'descending');
			}
			else {
				th.removeAttribute('aria-sort');
			}
		}
		document.querySelector('#caseload tbody').replaceChildren(...[...rows].sort(compare).map(row));
		document.getElementById('empty').hidden = rows.length > 0;
	}

	function row(r) {
		const tr = S.element('tr');
		tr.dataset.patientId = r.patientId;
		const patient = S.element('td', null, 'patient');
		patient.append(S.patientLink(r.patientId));
		const risk = S.element('td', null, 'risk');
		if (r.riskLevel) {
			risk.append(S.element('span', RISK_WORDS[r.riskLevel] || r.riskLevel, 'risk-level'));
			if (r.lapsePercent !== null && r.lapsePercent !== undefined) {
				risk.append(' (' + r.lapsePercent + '%)');
			}
			if (r.riskTrend) {
				risk.append(' ', S.element('span', TREND_WORDS[r.riskTrend], 'trend trend-' + r.riskTrend));
			}
			risk.dataset.trend = r.riskTrend || '';
		}
		else {
			risk.textContent = 'not assessed';
		}
		const alerts = S.element('td', null, 'open-alerts');
		if (r.openAlerts > 0) {
			const link = S.element('a', String(r.openAlerts));
			link.href = '/patient.html?patientId=' + encodeURIComponent(r.patientId);
			link.setAttribute('aria-label', r.openAlerts + ' open alerts for ' + r.patientId);
			alerts.append(link, ' ', S.severityBadge(r.topSeverity));
		}
		else {
			alerts.textContent = '0';
		}
		const level = S.element('td', r.levelOfCare ? 'ASAM ' + r.levelOfCare : '-', 'level');
		if (r.phase) {
			// after treatment: "Aftercare, week 5" or "Closed" under the level
			level.append(S.element('div', r.phase, 'phase'));
		}
		tr.append(patient, level,
			S.element('td', r.weeklyHours === null ? '-' : r.weeklyHours + ' h', 'hours'), risk,
			S.element('td', r.lastCheckInAt ? S.time(r.lastCheckInAt, r.zone) : 'none', 'check-in'),
			S.element('td', r.attendancePercent === null ? 'no sessions'
				: r.attendancePercent + '% (' + r.attendedSessions + ' of ' + r.countedSessions + ')', 'attendance'),
			instrumentsCell(r), alerts);
		return tr;
	}

	/* Overdue ones first, in words; an overdue instrument is a reminder, never an alert. */
	function instrumentsCell(r) {
		const td = S.element('td', null, 'instruments');
		if (instruments === null) {
			td.textContent = 'unknown';
			return td;
		}
		const due = instruments[r.patientId] || [];
		if (due.length === 0) {
			td.textContent = 'none due';
			return td;
		}
		due.forEach((item, i) => {
			if (i > 0) {
				td.append(S.element('br'));
			}
			td.append(S.element('span', item.words, item.status === 'OVERDUE' ? 'instrument-overdue' : 'instrument-due'));
		});
		return td;
	}

	for (const th of document.querySelectorAll('#caseload th')) {
		th.querySelector('button').addEventListener('click', () => {
			sort = { key: th.dataset.key, direction: sort.key === th.dataset.key ? -sort.direction : 1 };
			render();
		});
	}

	S.session().then(async () => {
		try {
			rows = await S.call('/console/caseload');
			render();
			try {
				const byPatient = {};
				for (const item of await S.call('/console/instruments-due')) {
					(byPatient[item.patientId] = byPatient[item.patientId] || []).push(item.instrument);
				}
				instruments = byPatient;
				render();
			}
			catch (error) {
				// plan-service did not answer: the rest of the caseload stands, the instruments say 'unknown'
			}
			document.body.dataset.instruments = instruments === null ? 'unknown' : 'loaded';
			// loaded once the rows are final: the instruments' answer renders them again
			document.body.dataset.loaded = 'true';
		}
		catch (error) {
			S.showError('Could not load the caseload: ' + error.message);
		}
	}, (error) => S.showError('Could not load the session: ' + error.message));
})();
