// How the run's client waits for a vendor's asynchronous task (HttpClient.poll): what a vendor
// declares about its tasks, and the pure schedule of status checks.

/** A vendor's asynchronous task, as far as waiting for it goes. */
export interface PolledTask {
	id: string;
	status: string;
}

/** How to wait for one vendor's tasks. */
export interface TaskPolling<T extends PolledTask> {
	/** E.g. "Freepik": used in messages. */
	vendorName: string;
	/** First wait between status checks. */
	intervalMs: number;
	/** Give up this long after the wait began. */
	maxWaitMs: number;
	/** Where the task's status is read (a path under the Base URL). */
	path(task: T): string;
	/** The task as a status answer gives it; throws on an answer that cannot be used. */
	read(body: unknown, statusCode: number): T;
	isPending(task: T): boolean;
	/** A failed status check in the vendor's words (e.g. a host that offers no polling), when it has any. */
	explainFailure?(error: unknown, task: T): Error | undefined;
	/** What the user can do when the wait runs out (look it up, raise the Max Wait option…). */
	timeoutAdvice(task: T): string;
}

/** Waits grow by half each time, up to four times the configured interval. */
export function nextPollDelayMs(intervalMs: number, poll: number): number {
	return Math.round(Math.min(intervalMs * 1.5 ** poll, intervalMs * 4));
}

/** What a task still running at Max Wait is called, whether it was polled or called back for. */
export function taskTimeoutMessage(
	vendorName: string,
	taskId: string,
	maxWaitMs: number,
	status: string,
): string {
	return `${vendorName} task ${taskId} did not complete within ${Math.round(maxWaitMs / 1000)} s (last status ${status})`;
}
