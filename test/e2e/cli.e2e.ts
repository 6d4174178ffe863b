// The package in a real n8n, driven by its CLI: n8n's own package loading (the shipped dist/ through a
// community-package link), credential encryption and injection, and the example workflows as a user
// imports them. The vendors are the contract servers (scripts/sandbox.ts) on free ports.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { importIntoN8n, n8nEnv, prepareUserFolder, runCli } from '../../scripts/realN8n';
import type { ExampleWorkflow, Sandbox, SandboxCredential } from '../../scripts/sandbox';
import { SANDBOX_KEYS, sandboxExamples, startSandbox } from '../../scripts/sandbox';

interface NodeRun {
	executionStatus?: string;
	error?: { message: string; description?: string };
	data?: { main: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, { mimeType: string; fileExtension?: string; id?: string; bytes?: number }>; pairedItem?: unknown }>> };
}

interface RunOutput {
	status?: string;
	data: { resultData: { runData: Record<string, NodeRun[]>; error?: { message: string; description?: string } } };
}

const BAD_KEY = 'e2e-wrong-key-3b9d';
const userFolder = mkdtempSync(join(tmpdir(), 'n8n-ai-image-e2e-'));
let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let examples: ExampleWorkflow[];

/** `n8n execute --id --rawOutput` prints the run as JSON after its log lines; it starts at a line that is exactly "{". */
async function execute(workflowId: string): Promise<{ code: number | null; run: RunOutput; stdout: string }> {
	const result = await runCli(['execute', `--id=${workflowId}`, '--rawOutput'], env);
	const lines = result.stdout.split('\n');
	const start = lines.indexOf('{');
	if (start < 0) throw new Error(`No run output from n8n execute (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
	let end = lines.length;
	while (end > start && lines[end - 1] !== '}') end--;
	return { code: result.code, run: JSON.parse(lines.slice(start, end).join('\n')) as RunOutput, stdout: result.stdout + result.stderr };
}

function ourNode(workflow: ExampleWorkflow) {
	return workflow.nodes.find((node) => node.type.startsWith('n8n-nodes-ai-image.'))!;
}

beforeAll(async () => {
	sandbox = await startSandbox({ novita: 0, freepik: 0, openai: 0 });
	prepareUserFolder(userFolder);
	env = n8nEnv(userFolder);

	examples = sandboxExamples(sandbox.sampleImageUrl);
	const novitaExample = examples.find((w) => w.id === 'example-novita-reimagine')!;
	const badKeyWorkflow: ExampleWorkflow = JSON.parse(JSON.stringify(novitaExample));
	badKeyWorkflow.id = 'e2e-novita-bad-key';
	badKeyWorkflow.name = 'E2E: Novita with a wrong key';
	ourNode(badKeyWorkflow).credentials = { novitaApi: { id: 'novitaApi-badkey', name: 'Novita wrong key' } };
	const credentials: SandboxCredential[] = [
		...sandbox.credentials(),
		{ id: 'novitaApi-badkey', name: 'Novita wrong key', type: 'novitaApi', data: { apiKey: BAD_KEY, baseUrl: sandbox.novita.baseUrl } },
	];
	await importIntoN8n(env, credentials, [...examples, badKeyWorkflow]);
}, 180_000);

afterAll(async () => {
	await sandbox?.stop();
	rmSync(userFolder, { recursive: true, force: true });
});

const cases = [
	{ id: 'example-novita-reimagine', route: () => [sandbox.novita, 'POST /v3/reimagine'] as const, items: 1, mimeType: 'image/png', auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.novita}` },
	{ id: 'example-novita-replace-background', route: () => [sandbox.novita, 'POST /v3/replace-background'] as const, items: 1, mimeType: 'image/webp', auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.novita}` },
	{ id: 'example-freepik-reimagine-flux', route: () => [sandbox.freepik, 'POST /v1/ai/beta/text-to-image/reimagine-flux'] as const, items: 1, mimeType: 'image/png', auth: (h: Record<string, unknown>) => h['x-freepik-api-key'] === SANDBOX_KEYS.freepik },
	{ id: 'example-openai-image-variation', route: () => [sandbox.openai, 'POST /images/variations'] as const, items: 2, mimeType: 'image/png', auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.openai}` },
];

describe('example workflows in the real n8n CLI', () => {
	it.each(cases)('$id succeeds with binary images and the vendor saw one authenticated request', async (example) => {
		const [server, route] = example.route();
		const before = server.requestsTo(route).length;
		const { code, run, stdout } = await execute(example.id);
		expect(code).toBe(0);
		expect(run.data.resultData.error).toBeUndefined();

		const node = ourNode(examples.find((w) => w.id === example.id)!);
		const nodeRun = run.data.resultData.runData[node.name]?.[0];
		expect(nodeRun?.executionStatus).toBe('success');
		const items = nodeRun!.data!.main[0];
		expect(items).toHaveLength(example.items);
		for (const item of items) {
			expect(item.pairedItem).toEqual({ item: 0 });
			const binary = item.binary?.data;
			expect(binary?.mimeType).toBe(example.mimeType);
			expect(binary?.fileExtension).toBe(example.mimeType.split('/')[1]);
			expect(binary?.id).toMatch(/^filesystem-v2:/);
			expect(binary?.bytes).toBeGreaterThan(0);
		}

		const requests = server.requestsTo(route).slice(before);
		expect(requests).toHaveLength(1);
		expect(example.auth(requests[0].headers)).toBe(true);
		for (const key of Object.values(SANDBOX_KEYS)) expect(stdout).not.toContain(key);
	});

	it('a wrong key fails the workflow with the node’s clear message, and the key is not printed', async () => {
		const before = sandbox.novita.requestsTo('POST /v3/reimagine').length;
		const { code, run, stdout } = await execute('e2e-novita-bad-key');
		expect(code).toBe(1);
		const error = run.data.resultData.error;
		expect(error?.message).toMatch(/Novita AI returned HTTP 403: invalid api-key/);
		expect(error?.description).toMatch(/API key/i);
		const requests = sandbox.novita.requestsTo('POST /v3/reimagine').slice(before);
		expect(requests).toHaveLength(1);
		expect(requests[0].headers.authorization).toBe(`Bearer ${BAD_KEY}`);
		expect(stdout).not.toContain(BAD_KEY);
	});
});
