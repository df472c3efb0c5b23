'use strict';

/*
 * An alert's history for reading: repeated identical steps (the same change, severity, status and actor, one after
 * the other, e.g. dozens of UPDATED) shown once with "x N" and the last time; a step the server already merged
 * (count, lastAt) counts as its count.
 */
window.StepwiseHistory = (function () {
	const WORDS = { RAISED: 'Raised', UPDATED: 'Updated', ACKNOWLEDGED: 'Acknowledged', RESOLVED: 'Resolved',
		AUTO_RESOLVED: 'Resolved automatically', REOPENED: 'Reopened', ESCALATED: 'Escalated' };

	function collapse(history) {
		const steps = [];
		for (const step of history || []) {
			const previous = steps[steps.length - 1];
			const count = step.count || 1;
			if (previous && !step.note && !previous.note && previous.change === step.change
				&& previous.severity === step.severity && previous.status === step.status && previous.by === step.by) {
				previous.count += count;
				previous.lastAt = step.lastAt || step.at;
			}
			else {
				steps.push(Object.assign({}, step, { count: count, lastAt: step.lastAt || null }));
			}
		}
		return steps;
	}

	function change(step) {
		return WORDS[step.change] || step.change.charAt(0) + step.change.substring(1).toLowerCase().replace(/_/g, ' ');
	}

	return { collapse, change };
})();
