/**
 * n8n-workflow's sleep as 2.34+ exports it (@n8n/utils): sleep(ms, signal) that rejects with the
 * signal's reason when it is aborted. Before 2.34 the abortable one was sleepWithAbort.
 */
export async function sleep234(ms: number, signal?: AbortSignal): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		if (signal?.aborted) return reject(signal.reason as Error);
		const timer = setTimeout(resolve, ms);
		signal?.addEventListener('abort', () => {
			clearTimeout(timer);
			reject(signal.reason as Error);
		});
	});
}
