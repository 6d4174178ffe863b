// A running n8n's executions as its REST API gives them to its owner (the editor's own calls):
// their list (n8n 2.41 takes at most 100 a page), and one execution's run data unflattened.
import { parse } from 'flatted';

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	waitTill?: string | null;
}

export interface StoredItem {
	json: Record<string, unknown>;
	binary?: Record<string, { id?: string; data?: string; mimeType: string; fileName?: string }>;
	pairedItem?: unknown;
}

export interface StoredExecution {
	status: string;
	runData: Record<string, Array<{ data?: { main: StoredItem[][] } }>>;
	error?: { message?: string; description?: string };
}

async function rest<T>(url: string, cookie: string, path: string): Promise<T> {
	const response = await fetch(`${url}/rest${path}`, { headers: { cookie } });
	if (!response.ok) throw new Error(`GET /rest${path}: HTTP ${response.status}`);
	return ((await response.json()) as { data: T }).data;
}

export async function listExecutions(url: string, cookie: string): Promise<ExecutionSummary[]> {
	return (await rest<{ results: ExecutionSummary[] }>(url, cookie, '/executions?limit=100'))
		.results;
}

export async function storedExecution(
	url: string,
	cookie: string,
	id: string,
): Promise<StoredExecution> {
	const execution = await rest<{ data: string; status: string }>(url, cookie, `/executions/${id}`);
	const { resultData } = parse(execution.data) as {
		resultData: { runData: StoredExecution['runData']; error?: StoredExecution['error'] };
	};
	return { status: execution.status, runData: resultData.runData, error: resultData.error };
}

/** The bytes of a stored binary: from n8n's binary data store, or inline (in-memory mode). */
export async function binaryBytes(
	url: string,
	cookie: string,
	binary: { id?: string; data?: string },
): Promise<Buffer> {
	if (!binary.id) return Buffer.from(binary.data ?? '', 'base64');
	const response = await fetch(
		`${url}/rest/binary-data?id=${encodeURIComponent(binary.id)}&action=view`,
		{ headers: { cookie } },
	);
	if (!response.ok) throw new Error(`binary ${binary.id}: HTTP ${response.status}`);
	return Buffer.from(await response.arrayBuffer());
}

/** Polls until `done` holds for the workflow's executions, or throws after `timeoutMs`. */
export async function waitForExecutions(
	url: string,
	cookie: string,
	workflowId: string,
	done: (runs: ExecutionSummary[]) => boolean,
	timeoutMs = 120_000,
): Promise<ExecutionSummary[]> {
	const started = Date.now();
	for (;;) {
		const runs = (await listExecutions(url, cookie)).filter((run) => run.workflowId === workflowId);
		if (done(runs)) return runs;
		if (Date.now() - started > timeoutMs)
			throw new Error(
				`executions of ${workflowId} after ${timeoutMs} ms: ${JSON.stringify(runs.map((r) => [r.id, r.status]))}`,
			);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}
