'use strict';

/* One alert: kind, severity, patient, evidence in words, its history collapsed, and the next step (acknowledge, then resolve). */
(function () {
	const S = window.Stepwise;
	const H = window.StepwiseHistory;
	const alertId = new URLSearchParams(window.location.search).get('alertId') || '';

	function show(alert) {
		document.title = 'Stepwise - ' + alert.kindLabel + ' alert';
		document.getElementById('title').textContent = alert.kindLabel;
		document.getElementById('severity').replaceChildren(S.severityBadge(alert.severity));
		document.getElementById('status').textContent = S.statusWords(alert.status)
			+ (alert.escalatedAt ? ' (escalated' + (alert.escalatedTo ? ' to ' + alert.escalatedTo : '') + ')' : '');
		document.getElementById('patient').replaceChildren(S.patientLink(alert.patientId));
		document.getElementById('raised').textContent = S.time(alert.raisedAt, alert.zone);
		const evidence = document.getElementById('evidence');
		if (alert.kind === 'RELAPSE_RISK' && (alert.values || {}).lapseRiskLevel) {
			evidence.replaceChildren(S.evidence(alert));
		}
		else {
			const parts = alert.evidenceParts.length ? alert.evidenceParts : [alert.evidence];
			evidence.replaceChildren(...parts.map((part) => S.element('div', part, 'evidence')));
		}
		document.getElementById('actions').replaceChildren(S.actions(alert, load));
		document.querySelector('#history tbody').replaceChildren(...H.collapse(alert.history).reverse().map((step) => {
			const tr = S.element('tr', null, 'step');
			tr.dataset.change = step.change;
			const when = S.element('td', S.time(step.at, alert.zone));
			if (step.count > 1 && step.lastAt) {
				when.append(S.element('div', 'last ' + S.time(step.lastAt, alert.zone), 'muted'));
			}
			const what = S.element('td', H.change(step), 'change');
			if (step.count > 1) {
				what.append(' ', S.element('span', '\u00d7 ' + step.count, 'repeat'));
			}
			const severity = S.element('td');
			severity.append(S.severityBadge(step.severity));
			tr.append(when, what, severity, S.element('td', step.by), S.element('td', step.note || '', 'note'));
			return tr;
		}));
		document.body.dataset.loaded = 'true';
	}

	async function load() {
		try {
			show(await S.call('/console/alerts/' + encodeURIComponent(alertId)));
		}
		catch (error) {
			S.showError(error.status === 404 ? 'No such alert, or it is not one of your patients\u2019.' : 'Could not load the alert: ' + error.message);
		}
	}

	S.session().then(load, (error) => S.showError('Could not load the session: ' + error.message));
})();
