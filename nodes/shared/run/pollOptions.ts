import type { NumberOptionSpec } from './optionSpecs';

// The two options of every node that waits for an asynchronous task (Freepik, Novita Qwen): one
// definition, each vendor choosing its defaults.

export interface PollDefaults {
	maxWaitSeconds: number;
	pollIntervalSeconds: number;
	/** Shown only while these top-level parameters have these values (e.g. one engine). */
	showWhen?: Record<string, string[]>;
}

export function pollOptionSpecs(defaults: PollDefaults) {
	const maxWaitSeconds: NumberOptionSpec = {
		type: 'number',
		displayName: 'Max Wait (Seconds)',
		default: defaults.maxWaitSeconds,
		min: 0.01,
		max: 3600,
		ui: { min: 1 },
		description:
			'How long to wait for an in-progress task to complete before failing with its task ID',
		...(defaults.showWhen ? { showWhen: defaults.showWhen } : {}),
	};
	const pollIntervalSeconds: NumberOptionSpec = {
		type: 'number',
		displayName: 'Poll Interval (Seconds)',
		default: defaults.pollIntervalSeconds,
		min: 0.01,
		max: 60,
		ui: { min: 0.1 },
		description:
			'First wait between status checks of an in-progress task; later waits grow up to four times this',
		...(defaults.showWhen ? { showWhen: defaults.showWhen } : {}),
	};
	return { maxWaitSeconds, pollIntervalSeconds };
}

/** The wait of the shared task poller, from the two options' values. */
export function pollWait(options: { maxWaitSeconds: number; pollIntervalSeconds: number }) {
	return {
		intervalMs: options.pollIntervalSeconds * 1000,
		maxWaitMs: options.maxWaitSeconds * 1000,
	};
}
