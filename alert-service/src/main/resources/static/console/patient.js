'use strict';

/* The patient page: alert history with every transition, and charts of PHQ-9/GAD-7 totals and attendance. */
(function () {
	const S = window.Stepwise;
	const patientId = new URLSearchParams(window.location.search).get('patientId') || '';
	document.getElementById('patient').textContent = patientId;

	function history(alerts) {
		const steps = [];
		for (const alert of alerts) {
			for (const step of alert.history) {
				steps.push({ alert: alert, step: step });
			}
		}
		steps.sort((a, b) => Date.parse(b.step.at) - Date.parse(a.step.at));
		document.querySelector('#history tbody').replaceChildren(...steps.map(({ alert, step }) => {
			const tr = S.element('tr', null, step.severity);
			tr.dataset.alertId = alert.id;
			tr.append(S.element('td', S.time(step.at)), S.element('td', alert.kind), S.element('td', step.severity, 'severity'),
				S.element('td', step.change, 'change'), S.element('td', step.by), S.evidence(alert));
			return tr;
		}));
	}

	function width() {
		return Math.min(900, document.querySelector('main').clientWidth || 900);
	}

	function scores(entries) {
		const points = entries.filter((e) => e.type === 'PHQ9' || e.type === 'GAD7');
		const times = [...new Set(points.map((e) => Date.parse(e.at) / 1000))].sort((a, b) => a - b);
		const index = new Map(times.map((t, i) => [t, i]));
		const phq9 = times.map(() => null);
		const gad7 = times.map(() => null);
		for (const e of points) {
			(e.type === 'PHQ9' ? phq9 : gad7)[index.get(Date.parse(e.at) / 1000)] = e.total;
		}
		const target = document.getElementById('scores-chart');
		target.dataset.points = String(points.length);
		if (points.length === 0) {
			target.textContent = 'No PHQ-9 or GAD-7 yet.';
			return;
		}
		new window.uPlot({
			width: width(), height: 260, spanGaps: true,
			scales: { y: { range: [0, 27] } },
			series: [{}, { label: 'PHQ-9', stroke: '#1d4ed8', width: 2, points: { show: true, size: 7 } },
				{ label: 'GAD-7', stroke: '#b45309', width: 2, points: { show: true, size: 7 } }]
		}, [times, phq9, gad7], target);
	}

	function attendance(entries) {
		const records = entries.filter((e) => e.type === 'ATTENDANCE');
		const target = document.getElementById('attendance-chart');
		target.dataset.points = String(records.length);
		const counted = records.filter((e) => e.status !== 'EXCUSED' && e.status !== 'CANCELLED_BY_PROGRAM');
		const present = counted.filter((e) => e.present).length;
		document.getElementById('attendance-summary').textContent = counted.length
			? present + ' of ' + counted.length + ' sessions attended (' + Math.round(100 * present / counted.length) + '%)'
			: 'No attendance recorded yet.';
		if (records.length === 0) {
			return;
		}
		const times = records.map((e) => Date.parse(e.at) / 1000);
		new window.uPlot({
			width: width(), height: 140,
			scales: { y: { range: [-0.2, 1.2] } },
			axes: [{}, { values: (u, splits) => splits.map((v) => v === 1 ? 'attended' : v === 0 ? 'missed' : '') }],
			series: [{}, { label: 'Attendance', stroke: '#15803d', paths: () => null, points: { show: true, size: 9, fill: '#15803d' } }]
		}, [times, records.map((e) => e.status === 'EXCUSED' || e.status === 'CANCELLED_BY_PROGRAM' ? null : (e.present ? 1 : 0))], target);
	}

	async function load() {
		try {
			const id = encodeURIComponent(patientId);
			const [alerts, entries] = await Promise.all([S.call('/api/v1/alerts?patientId=' + id),
				S.call('/api/v1/patients/' + id + '/timeline')]);
			history(alerts);
			scores(entries);
			attendance(entries);
			document.body.dataset.loaded = 'true';
		}
		catch (error) {
			S.showError('Could not load the patient: ' + error.message);
		}
	}

	S.session().then(load, (error) => S.showError('Could not load the session: ' + error.message));
})();
