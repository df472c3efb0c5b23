'use strict';

/*
 * The patient page's charts (uPlot, from the webjar): lines with points, times on the program's clock, and
 * reference lines (a program's thresholds) drawn dashed and labelled on the plot. Each chart's container says how
 * many points it shows in data-points.
 */
window.StepwiseCharts = (function () {
	function width(target) {
		return Math.max(320, Math.min(900, target.parentElement.clientWidth || 900));
	}

	/**
	 * The time axis a little wider than the data (4 % each side, half a day for a single point), so the first and
	 * the latest points are drawn whole instead of cut by the plot's edges.
	 */
	function paddedTime(u, min, max) {
		const pad = max > min ? (max - min) * 0.04 : 43200;
		return [min - pad, max + pad];
	}

	/** Draws each {value, label, color} as a dashed horizontal line across the plot, labelled at its right end. */
	function thresholds(lines) {
		return (u) => {
			const ctx = u.ctx;
			ctx.save();
			ctx.setLineDash([6, 4]);
			ctx.lineWidth = 1;
			ctx.font = Math.round(11 * devicePixelRatio) + 'px system-ui, sans-serif';
			ctx.textAlign = 'right';
			for (const line of lines) {
				const y = Math.round(u.valToPos(line.value, 'y', true));
				ctx.strokeStyle = line.color;
				ctx.fillStyle = line.color;
				ctx.beginPath();
				ctx.moveTo(u.bbox.left, y);
				ctx.lineTo(u.bbox.left + u.bbox.width, y);
				ctx.stroke();
				ctx.fillText(line.label, u.bbox.left + u.bbox.width - 4, y - 3);
			}
			ctx.restore();
		};
	}

	/**
	 * A line chart: times (ISO strings), series [{label, color, values}], y range, reference lines. Shows text
	 * instead when there is nothing to draw.
	 */
	function lines(target, zone, times, series, range, references, empty) {
		const points = series.reduce((n, s) => n + s.values.filter((v) => v !== null && v !== undefined).length, 0);
		target.dataset.points = String(points);
		target.replaceChildren();
		if (points === 0) {
			target.textContent = empty;
			return null;
		}
		const options = {
			width: width(target), height: 260,
			scales: { x: { time: true, range: paddedTime }, y: { range: range } },
			axes: [{}, { size: 50 }],
			series: [{}].concat(series.map((s) => ({ label: s.label, stroke: s.color, width: 2, spanGaps: true, points: { show: true, size: 7, fill: s.color } }))),
			hooks: { draw: [thresholds(references || [])] }
		};
		if (zone) {
			options.tzDate = (ts) => window.uPlot.tzDate(new Date(ts * 1000), zone);
		}
		return new window.uPlot(options, [times.map((t) => Date.parse(t) / 1000)].concat(series.map((s) => s.values)), target);
	}

	/** Attended (1) and missed (0) sessions as points; the y axis wide enough for its words. */
	function attendance(target, zone, records) {
		target.dataset.points = String(records.length);
		target.replaceChildren();
		if (records.length === 0) {
			target.textContent = 'No attendance recorded yet.';
			return null;
		}
		const options = {
			width: width(target), height: 160,
			scales: { x: { time: true, range: paddedTime }, y: { range: [-0.3, 1.3] } },
			axes: [{}, { size: 90, splits: () => [0, 1], values: (u, splits) => splits.map((v) => v === 1 ? 'attended' : v === 0 ? 'missed' : '') }],
			series: [{}, { label: 'Attendance', stroke: '#15803d', paths: () => null, points: { show: true, size: 9, fill: '#15803d' } }]
		};
		if (zone) {
			options.tzDate = (ts) => window.uPlot.tzDate(new Date(ts * 1000), zone);
		}
		const values = records.map((e) => e.status === 'EXCUSED' || e.status === 'CANCELLED_BY_PROGRAM' ? null : (e.present ? 1 : 0));
		return new window.uPlot(options, [records.map((e) => Date.parse(e.at) / 1000), values], target);
	}

	return { lines, attendance };
})();
