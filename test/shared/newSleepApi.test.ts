import { runEntry } from '../harness/runEntry';
import { SECRET_KEYS, startServer, untilRequested } from '../helpers';
import { FreepikServer, TASK_PATH } from '../servers/freepikServer';
import { NovitaServer } from '../servers/novitaServer';

// The built nodes under n8n-workflow as 2.34+ exports it: no sleepWithAbort, and sleep(ms, signal)
// rejecting with the signal's reason (as @n8n/utils does): a retry wait or a Freepik poll must end
// as a wait, not as "canceled". The real 2.41 runs in `npm run test:compat`.
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	const { sleepWithAbort: _removed, ...rest } = actual;
	const { sleep234 } = jest.requireActual('../doubles/sleep234');
	return { ...rest, __esModule: true, sleep: sleep234 };
});

const novita = startServer(new NovitaServer());
const freepik = startServer(new FreepikServer());
beforeAll(() => {
	novita.apiKey = SECRET_KEYS.novita;
	freepik.apiKey = SECRET_KEYS.freepik;
});

describe('on n8n-workflow 2.34+ (sleep takes the signal, sleepWithAbort is gone)', () => {
	it('the package really sees the new shape', () => {
		const loaded = jest.requireMock('n8n-workflow');
		expect(loaded.sleepWithAbort).toBeUndefined();
		expect(loaded.sleep).toHaveLength(2);
	});

	it('a 503 is retried and the item succeeds', async () => {
		novita.fail('POST /v3/reimagine', {
			kind: 'status',
			status: 503,
			body: { code: 503, reason: 'SERVICE_UNAVAILABLE', message: 'busy' },
		});
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { resendPaidRequests: true, maxRetries: 2 } },
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ attempts: 2, mimeType: 'image/png' });
		expect(novita.requestsTo('POST /v3/reimagine')).toHaveLength(2);
	});

	it('a 429 with Retry-After is waited out and retried', async () => {
		novita.fail('POST /v3/reimagine', {
			kind: 'status',
			status: 429,
			body: { code: 429, reason: 'RATE_LIMIT_EXCEEDED', message: 'slow down' },
			headers: { 'retry-after': '0.2' },
		});
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { maxRetries: 2 } },
		});
		expect(result.status).toBe('success');
		const [first, second] = novita.requestsTo('POST /v3/reimagine');
		expect(second.at - first.at).toBeGreaterThanOrEqual(190);
	});

	it('a Freepik task that needs several polls completes', async () => {
		freepik.behaviour = {
			...freepik.behaviour,
			initialStatus: 'IN_PROGRESS',
			completeAfterPolls: 3,
		};
		const result = await runEntry('freepikReimagineFlux', {
			server: freepik,
			parameters: { options: { maxWaitSeconds: 30 } },
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json.status).toBe('COMPLETED');
		expect(
			freepik.requests.filter((r) => r.method === 'GET' && r.path.startsWith(`${TASK_PATH}/`)),
		).toHaveLength(3);
	});

	it('cancelling during a retry wait still ends the run as canceled, with no further request', async () => {
		novita.fail('POST /v3/reimagine', {
			kind: 'status',
			status: 503,
			body: 'busy',
			headers: { 'retry-after': '5' },
		});
		let cancel: () => void = () => {};
		const running = runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { resendPaidRequests: true, maxRetries: 2 } },
			onStart: (c) => (cancel = c),
		});
		await untilRequested(novita, 'POST /v3/reimagine');
		cancel();
		const result = await running;
		expect(result.status).toBe('canceled');
		expect(novita.requestsTo('POST /v3/reimagine')).toHaveLength(1);
	});

	it('cancelling during a poll wait ends the run as canceled', async () => {
		freepik.behaviour = { ...freepik.behaviour, initialStatus: 'IN_PROGRESS' };
		let cancel: () => void = () => {};
		const running = runEntry('freepikReimagineFlux', {
			server: freepik,
			parameters: { options: { pollIntervalSeconds: 5, maxWaitSeconds: 30 } },
			onStart: (c) => (cancel = c),
		});
		await untilRequested(freepik, `POST ${TASK_PATH}`);
		cancel();
		const result = await running;
		expect(result.status).toBe('canceled');
		expect(freepik.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
	});
});
