import type { Sandbox } from '../../scripts/sandbox';
import { setTaskDuration, startSandbox, taskSecondsSetting } from '../../scripts/sandbox';
import { runEntry } from '../harness/runEntry';
import { TASK_PATH } from '../servers/freepikServer';
import { TASK_RESULT_PATH } from '../servers/novitaServer';

// The sandbox of `npm run dev` and `npm run sandbox`: SANDBOX_TASK_SECONDS makes the asynchronous
// tasks take a while, so polling (and cancelling it) can be seen in the editor.

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.stop();
});

/** The registry's node `id` against the sandbox's servers, with the sandbox's credentials. */
const onSandbox = () => ({
	credentials: Object.fromEntries(
		sandbox.credentials().map((credential) => [credential.type, credential.data]),
	),
	parameters: { options: { pollIntervalSeconds: 0.1 } },
});

describe('SANDBOX_TASK_SECONDS', () => {
	it.each([
		['novitaReimagineQwen', () => sandbox.novita.requestsTo(`GET ${TASK_RESULT_PATH}`)],
		[
			'freepikReimagineFlux',
			() =>
				sandbox.freepik.requests.filter(
					(r) => r.method === 'GET' && r.path.startsWith(`${TASK_PATH}/`),
				),
		],
	])('%s: the task takes that long, over several polls', async (id, polls) => {
		setTaskDuration(sandbox, 0.5);
		try {
			const result = await runEntry(id, onSandbox());
			expect(result.error).toBeUndefined();
			expect(result.items[0].binary?.data.mimeType).toBe('image/png');
			const seen = polls();
			expect(seen.length).toBeGreaterThanOrEqual(3);
			// Answered pending until 0.5 s after the submit, then done.
			const submit = sandbox[id.startsWith('novita') ? 'novita' : 'freepik'].requests.find(
				(r) => r.method === 'POST',
			)!;
			expect(seen.at(-1)!.at - submit.at).toBeGreaterThanOrEqual(500);
		} finally {
			setTaskDuration(sandbox, 0);
			sandbox.novita.requests.length = 0;
			sandbox.freepik.requests.length = 0;
		}
	});

	it('0 (the default): Novita answers after one pending poll, Freepik at once', async () => {
		setTaskDuration(sandbox, 0);
		expect((await runEntry('freepikReimagineFlux', onSandbox())).items[0].json.status).toBe(
			'COMPLETED',
		);
		expect(
			sandbox.freepik.requests.filter(
				(r) => r.method === 'GET' && r.path.startsWith(`${TASK_PATH}/`),
			),
		).toHaveLength(0);
		await runEntry('novitaReimagineQwen', onSandbox());
		expect(sandbox.novita.requestsTo(`GET ${TASK_RESULT_PATH}`)).toHaveLength(2);
	});

	it.each([
		[undefined, 0],
		['', 0],
		['3', 3],
		['0.5', 0.5],
	])('"%s" reads as %d seconds', (value, seconds) => {
		expect(taskSecondsSetting(value)).toBe(seconds);
	});

	it.each(['-1', 'ten', '601'])('"%s" is refused, saying what it must be', (value) => {
		expect(() => taskSecondsSetting(value)).toThrow(
			`SANDBOX_TASK_SECONDS must be a number of seconds from 0 to 600, but is "${value}"`,
		);
	});
});
