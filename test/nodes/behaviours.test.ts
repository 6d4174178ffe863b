import type { INodeProperties, INodeType } from 'n8n-workflow';

import { fixtures, makePng } from '../fixtures/images';
import type { InputItem, RunResult } from '../harness/engine';
import { capturedLogs, loadPackage } from '../harness/engine';
import { runEntry } from '../harness/runEntry';
import { networkCode } from '../../nodes/shared/http/networkFailure';
import { refusalsByWave } from '../helpers';
import { ContractServer } from '../servers/contractServer';
import { TASK_PATH } from '../servers/freepikServer';
import { startVendorServers } from '../vendorServers';

// Behaviours every node shares: output pairing when items and outputs differ in count, downloads
// without Content-Length, over the cap or hanging, the output format taken from the bytes, the request gate on every
// vendor, Freepik's polling bounds, and credentials kept off file downloads.

const { novita, freepik, openai } = startVendorServers();

const png = (seed = 1, fileName = `in-${seed}.png`): InputItem => ({
	binary: { data: { data: makePng(32, 32, seed), fileName, mimeType: 'image/png' } },
});

const pairing = (result: RunResult) =>
	result.items.map((item) => (item.pairedItem as { item: number }).item);
const errorOf = (result: RunResult) =>
	result.error as (Error & { description?: string; context?: { itemIndex?: number } }) | undefined;

describe('pairedItem when outputs and inputs differ in count (n8n cannot fill it in)', () => {
	it('OpenAI, 2 images an item, the middle item failing: every output names its own input', async () => {
		openai.fail(
			'POST /images/variations',
			{ kind: 'delay', ms: 0 },
			{
				kind: 'status',
				status: 400,
				body: {
					error: {
						message: 'Uploaded image must be a PNG and less than 4 MB.',
						type: 'invalid_request_error',
						param: 'image',
						code: null,
					},
				},
			},
		);
		const result = await runEntry('openAiVariations', {
			server: openai,
			typeVersion: 1,
			parameters: { n: 2, options: { concurrency: 1 } },
			items: [png(1), png(2), png(3)],
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(pairing(result)).toEqual([0, 0, 1, 2, 2]);
		expect(result.items.map((item) => item.json.error ?? item.json.index)).toEqual([
			0,
			1,
			'OpenAI-compatible API returned HTTP 400: Uploaded image must be a PNG and less than 4 MB. [invalid_request_error]',
			0,
			1,
		]);
	});

	it('Freepik, 2 generated images an item: each pair is paired to its input', async () => {
		freepik.behaviour = { ...freepik.behaviour, generatedCount: 2 };
		const result = await runEntry('freepikReimagineFlux', {
			server: freepik,
			items: [png(1), png(2)],
		});
		expect(result.error).toBeUndefined();
		expect(pairing(result)).toEqual([0, 0, 1, 1]);
		expect(result.items.map((item) => item.binary?.data.fileName)).toEqual([
			'in-1-reimagined-1.png',
			'in-1-reimagined-2.png',
			'in-2-reimagined-1.png',
			'in-2-reimagined-2.png',
		]);
	});

	it('Freepik with Download Images off, and a download failing under Continue On Fail: URL items keep their input', async () => {
		freepik.behaviour = { ...freepik.behaviour, generatedCount: 2 };
		const urls = await runEntry('freepikReimagineFlux', {
			server: freepik,
			parameters: { downloadImages: false },
			items: [png(1), png(2)],
		});
		expect(pairing(urls)).toEqual([0, 0, 1, 1]);
		const original = freepik.tasks.set.bind(freepik.tasks);
		let created = 0;
		freepik.tasks.set = (id, task) => {
			// The second input's task: its second image has expired by the time it is fetched.
			if (++created === 2) freepik.brokenFiles.add(task.files[1]);
			return original(id, task);
		};
		try {
			const partly = await runEntry('freepikReimagineFlux', {
				server: freepik,
				parameters: { options: { concurrency: 1 } },
				items: [png(1), png(2), png(3)],
				continueOnFail: true,
			});
			expect(pairing(partly)).toEqual([0, 0, 1, 1, 2, 2]);
			expect(partly.items.map((item) => (item.json.error ? 'error' : 'image'))).toEqual([
				'image',
				'image',
				'image',
				'error',
				'image',
				'image',
			]);
		} finally {
			freepik.tasks.set = original;
		}
	});
});

describe('downloads', () => {
	it('generated images come without the credential: a signed-URL store refuses a request that carries it', async () => {
		const result = await runEntry('freepikReimagineFlux', { server: freepik, items: [png()] });
		expect(result.error).toBeUndefined();
		const [download] = freepik.requestsTo('/files/');
		expect(download.status).toBe(200);
		for (const header of ['x-freepik-api-key', 'x-magnific-api-key', 'authorization'])
			expect(download.headers[header]).toBeUndefined();
	});

	it('a generated image sent chunked, without Content-Length, is cut off at the cap while streaming', async () => {
		freepik.chunkedFiles = true;
		freepik.oversizeFileBytes = 2 * 1024 * 1024;
		const result = await runEntry('freepikReimagineFlux', {
			server: freepik,
			parameters: { options: { maxDownloadSizeMb: 1 } },
			items: [png()],
		});
		expect(freepik.requestsTo('/files/')[0].status).toBe(200);
		expect(errorOf(result)?.message).toBe(
			'1 of 1 Freepik generated images could not be downloaded: Freepik generated image is larger than the download limit of 1.0 MB',
		);
	});

	it.each([false, true])(
		'an input URL over Max Download Size fails before any upload (chunked: %s)',
		async (chunked) => {
			novita.chunkedFiles = chunked;
			novita.assets.set('big.png', {
				body: Buffer.concat([fixtures.squarePng, Buffer.alloc(1.5 * 1024 * 1024)]),
				contentType: 'image/png',
			});
			const result = await runEntry('novitaReimagine', {
				server: novita,
				parameters: {
					inputSource: 'url',
					imageUrl: `${novita.baseUrl}/assets/big.png`,
					options: { maxDownloadSizeMb: 1 },
				},
				items: [png()],
			});
			expect(errorOf(result)?.message).toBe(
				chunked
					? 'Item 0: Image URL is larger than the download limit of 1.0 MB'
					: 'Item 0: Image URL is 1.5 MB, larger than the download limit of 1.0 MB',
			);
			expect(errorOf(result)?.description).toBe(
				'Raise the Max Download Size option if the file is expected to be this large.',
			);
			expect(novita.requestsTo('POST /v3/reimagine')).toHaveLength(0);
		},
	);

	it('an input URL that never answers times out after the Timeout option, and is retried', async () => {
		novita.assets.set('slow.png', { body: fixtures.squarePng, contentType: 'image/png' });
		novita.fail('GET /assets/slow.png', { kind: 'hang' }, { kind: 'hang' });
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: {
				inputSource: 'url',
				imageUrl: `${novita.baseUrl}/assets/slow.png`,
				options: { timeoutMs: 1000, maxRetries: 1 },
			},
			items: [png()],
		});
		expect(errorOf(result)?.message).toBe(
			'Image URL download request failed: no answer within 1000 ms',
		);
		expect(errorOf(result)?.description).toBe(
			'The API did not answer in time. Raise the Timeout option, or try again later. Gave up after 2 attempts.',
		);
		const attempts = novita.requestsTo('GET /assets/slow.png');
		expect(attempts).toHaveLength(2);
		expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1000);
	});
});

describe('the output format comes from the returned bytes, not from the request', () => {
	it('Novita asked for PNG but answering JPEG gives a JPEG file', async () => {
		novita.answerFormat = 'jpeg';
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { responseImageType: 'png' },
			items: [png()],
		});
		const [item] = result.items;
		expect(item.json).toMatchObject({
			image_type: 'jpeg',
			requestedImageType: 'png',
			mimeType: 'image/jpeg',
			fileName: 'in-1-reimagined.jpg',
		});
		expect(item.binary?.data).toMatchObject({
			mimeType: 'image/jpeg',
			fileExtension: 'jpg',
			fileName: 'in-1-reimagined.jpg',
		});
	});
});

describe.each([
	{
		vendor: 'freepik',
		server: () => freepik as ContractServer,
		route: `POST ${TASK_PATH}`,
		run: (options: object, items: InputItem[]) =>
			runEntry('freepikReimagineFlux', { server: freepik, parameters: { options }, items }),
	},
	{
		vendor: 'openai',
		server: () => openai as ContractServer,
		route: 'POST /images/variations',
		run: (options: object, items: InputItem[]) =>
			runEntry('openAiVariations', {
				server: openai,
				typeVersion: 1,
				parameters: { options: { concurrency: 1, ...options } },
				items,
			}),
	},
])(
	'$vendor through the request gate, against an API that allows fewer requests at once',
	({ server, route, run }) => {
		it('gets every item through, sending fewer at once after the first refusals', async () => {
			server().maxConcurrent = 2;
			server().limitRetryAfter = '0.2';
			server().latencyMs = 50;
			server().holdUntilArrivals = 8;
			const items = Array.from({ length: 16 }, (_, i) => png(i + 1));
			const result = await run({ concurrency: 8, maxRetries: 10 }, items);
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.error)).toEqual(new Array(16).fill(undefined));
			const [firstWave, later] = refusalsByWave(server().requestsTo(route), 8);
			// The first wave of 8 meets a limit of 2 (the server answers none before all 8 arrived);
			// after it, only the gate's occasional try of one more (every 2 × limit answers) is refused.
			expect(firstWave).toBe(6);
			expect(later).toBeLessThanOrEqual(2);
		});
	},
);

describe('Freepik polling', () => {
	const polls = () =>
		freepik.requests.filter((r) => r.method === 'GET' && r.path.startsWith(`${TASK_PATH}/`));

	it('polls a task that starts CREATED until it completes', async () => {
		freepik.behaviour = { ...freepik.behaviour, initialStatus: 'CREATED', completeAfterPolls: 2 };
		const result = await runEntry('freepikReimagineFlux', { server: freepik, items: [png()] });
		expect(result.items[0].json.status).toBe('COMPLETED');
		expect(polls()).toHaveLength(2);
	});

	it('waits the whole Max Wait before giving up, with the task ID in the message', async () => {
		const id = freepik.stuckTask();
		freepik.fail(`POST ${TASK_PATH}`, {
			kind: 'status',
			status: 200,
			body: { data: { task_id: id, status: 'IN_PROGRESS', generated: [] } },
		});
		const result = await runEntry('freepikReimagineFlux', {
			server: freepik,
			parameters: { options: { maxWaitSeconds: 1, pollIntervalSeconds: 0.1 } },
			items: [png()],
		});
		expect(errorOf(result)?.message).toBe(
			`Freepik task ${id} did not complete within 1 s (last status IN_PROGRESS)`,
		);
		expect(errorOf(result)?.description).toBe(
			`The task may still finish: look it up with GET ${freepik.baseUrl}${TASK_PATH}/${id}, raise the Max Wait option, or set a Webhook URL to be notified instead of waiting.`,
		);
		const [submit] = freepik.requestsTo(`POST ${TASK_PATH}`);
		const last = polls().at(-1)!;
		// Polls at 0.1, 0.25, 0.475, 0.81 s and a last one at the 1 s deadline.
		expect(last.at - submit.at).toBeGreaterThanOrEqual(950);
		expect(polls().length).toBeGreaterThanOrEqual(4);
	});

	it('checks the input against the upload limit before sending it', async () => {
		const big = makePng(64, 64, 7, 40_000);
		const result = await runEntry('freepikReimagineFlux', {
			server: freepik,
			parameters: { options: { maxDownloadSizeMb: 0.03 } },
			items: [{ binary: { data: { data: big, fileName: 'big.png', mimeType: 'image/png' } } }],
		});
		expect(errorOf(result)?.message).toBe(
			`Item 0: the input image is 64×64 PNG of ${(big.length / 1024).toFixed(1)} KB; Freepik Reimagine Flux accepts at most 30.7 KB`,
		);
		expect(freepik.requestsTo(`POST ${TASK_PATH}`)).toHaveLength(0);
	});
});

describe('contract servers', () => {
	it('treat assets and generated results as file routes', () => {
		expect(ContractServer.isFileRoute('/assets/a.png')).toBe(true);
		expect(ContractServer.isFileRoute('/files/x.png')).toBe(true);
		expect(ContractServer.isFileRoute('/v3/reimagine')).toBe(false);
	});
});

describe('node options are read once and checked like the shared ones', () => {
	it('Freepik: a Poll Interval outside its range fails before any request, naming the option', async () => {
		const result = await runEntry('freepikReimagineFlux', {
			server: freepik,
			parameters: { options: { pollIntervalSeconds: 0 } },
			items: [png()],
		});
		expect(errorOf(result)?.message).toBe(
			'Option "Poll Interval (Seconds)" must be a number from 0.01 to 60, but is 0',
		);
		expect(errorOf(result)?.description).toBe(
			'Change the "Poll Interval (Seconds)" option of the node.',
		);
		expect(freepik.requests).toHaveLength(0);
	});

	it('OpenAI: Download URL Results must be true or false, not the text "false"', async () => {
		const result = await runEntry('openAiVariations', {
			server: openai,
			typeVersion: 1,
			parameters: {
				responseFormat: 'url',
				options: { concurrency: 1, downloadUrlResults: 'false' },
			},
			items: [
				{
					binary: { data: { data: fixtures.squarePng, fileName: 'sq.png', mimeType: 'image/png' } },
				},
			],
		});
		expect(errorOf(result)?.message).toBe(
			'Option "Download URL Results" must be true or false, but is "false"',
		);
		expect(openai.requests).toHaveLength(0);
	});

	it('the shared options keep their checks: a fractional Concurrency from an expression is cut to a whole number', async () => {
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { concurrency: 2.7 } },
			items: [png(1), png(2), png(3)],
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		const bad = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { timeoutMs: 'soon' } },
			items: [png()],
		});
		expect(errorOf(bad)?.message).toBe(
			'Option "Timeout (Ms)" must be a number from 1 to 600000, but is "soon"',
		);
	});
});

describe('the Options collection the specs build', () => {
	const optionsOf = async (nodeType: string) => {
		const { nodeTypes } = await loadPackage();
		const type = nodeTypes.getByName(`n8n-nodes-ai-image.${nodeType}`) as INodeType;
		const collection = type.description.properties.find(
			(p) => p.name === 'options',
		) as INodeProperties;
		return Object.fromEntries((collection.options as INodeProperties[]).map((p) => [p.name, p]));
	};

	it('offers each shared option with its type, default and range, shown in every mode', async () => {
		const freepik = await optionsOf('freepikReimagineFlux');
		expect(freepik.concurrency).toMatchObject({
			type: 'number',
			default: 3,
			typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
		});
		expect(freepik.timeoutMs).toMatchObject({
			type: 'number',
			default: 60000,
			typeOptions: { minValue: 1000, maxValue: 600000 },
		});
		expect(freepik.maxWaitSeconds).toMatchObject({
			type: 'number',
			default: 120,
			typeOptions: { minValue: 1, maxValue: 3600 },
		});
		expect(freepik.pollIntervalSeconds).toMatchObject({
			type: 'number',
			default: 5,
			typeOptions: { minValue: 0.1, maxValue: 60 },
		});
		expect(freepik.maxRetries.typeOptions).toEqual({
			minValue: 0,
			maxValue: 10,
			numberPrecision: 0,
		});
		expect(freepik.retryDelayMs.typeOptions).toEqual({ minValue: 0, maxValue: 60000 });
		expect(freepik.timeoutMs.displayOptions).toBeUndefined();
	});

	it("offers a node's own options, each shown for the APIs that read it", async () => {
		const openaiOptions = await optionsOf('openAiImageVariation');
		expect(openaiOptions.downloadUrlResults).toEqual(
			expect.objectContaining({ type: 'boolean', default: true }),
		);
		expect(openaiOptions.downloadUrlResults.typeOptions).toBeUndefined();
		// GPT Image edits take up to two minutes: a shorter timeout would retry (and pay again).
		expect(openaiOptions.timeoutMs.default).toBe(300000);
		// Each option is shown for the APIs that read it ("/api": a parameter of the node): URL
		// answers come from Variations, and from gateways on Edits; Upload As is Edits' own.
		expect(openaiOptions.downloadUrlResults.displayOptions).toEqual({
			show: { '/api': ['variations', 'edits'] },
		});
		expect(openaiOptions.uploadAs).toEqual({
			displayName: 'Upload As',
			name: 'uploadAs',
			type: 'options',
			default: 'json',
			description: 'How the image is sent to /images/edits',
			displayOptions: { show: { '/api': ['edits'] } },
			options: [
				expect.objectContaining({ name: 'JSON', value: 'json' }),
				expect.objectContaining({ name: 'Multipart', value: 'multipart' }),
			],
		});
	});

	it('refuses a value above an option’s maximum', async () => {
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { concurrency: 101 } },
			items: [png()],
		});
		expect(errorOf(result)?.message).toBe(
			'Option "Concurrency" must be a number from 1 to 100, but is 101',
		);
	});
});

describe('answers without the image', () => {
	// A number or empty text where the base64 text belongs, as well as a missing field.
	it.each([{ revised_prompt: 'x' }, { b64_json: 12345 }, { b64_json: '' }])(
		'OpenAI: an answer whose data entry is %j names the missing field',
		async (entry) => {
			openai.fail('POST /images/variations', {
				kind: 'status',
				status: 200,
				body: { created: 1, data: [entry] },
			});
			const result = await runEntry('openAiVariations', {
				server: openai,
				typeVersion: 1,
				parameters: { options: { concurrency: 1 } },
				items: [
					{
						binary: {
							data: { data: fixtures.squarePng, fileName: 'sq.png', mimeType: 'image/png' },
						},
					},
				],
			});
			expect(errorOf(result)?.message).toBe(
				'OpenAI-compatible API returned HTTP 200: the response could not be used: data[0].b64_json is missing',
			);
		},
	);
});

// The network failure a request ends with, a Retry-After over the cap, and the retry log's fields.
describe('how a request that gets no usable answer ends', () => {
	it.each([
		[{ code: 'ECONNREFUSED' }, 'ECONNREFUSED'],
		[{ code: 'ENOTFOUND', message: 'x' }, 'ENOTFOUND'],
		[{ code: 'E_UNKNOWN_THING' }, 'E_UNKNOWN_THING'],
		// n8n's helper keeps only messages: the code is read from them.
		[{ code: 'not-a-code', message: 'timeout of 1000ms exceeded' }, 'ECONNABORTED'],
		[{ message: 'The connection was aborted, perhaps the server is offline' }, 'ECONNABORTED'],
		[{ message: 'x', messages: ['connect ETIMEDOUT 10.0.0.1:443'] }, 'ETIMEDOUT'],
		[{ message: 'The request timed out' }, 'ETIMEDOUT'],
		[{ message: 'socket hang up' }, 'ECONNRESET'],
		[{ message: 'The connection to the server was closed unexpectedly' }, 'ECONNRESET'],
		[{ message: 'The service refused the connection - perhaps it is offline' }, 'ECONNREFUSED'],
		[{ message: 'The DNS server returned an error, perhaps the server is offline' }, 'EAI_AGAIN'],
		[{ message: 'getaddrinfo ENOTFOUND api.example' }, 'ENOTFOUND'],
		[
			{
				message:
					'The connection cannot be established, this usually occurs due to an incorrect host (domain) value',
			},
			'ENOTFOUND',
		],
		[{ message: 'Bad request - please check your parameters' }, undefined],
		[{ code: 'E1', message: 'x' }, undefined],
		[{ code: 'XECONNRESET', message: 'x' }, undefined],
		[{ code: 'EABC1', message: 'x' }, undefined],
		[null, undefined],
	])('networkCode(%j) is %s', (error, code) => {
		expect(networkCode(error)).toBe(code);
	});

	it('a connection closed on every attempt ends with that reason and the connection hint', async () => {
		novita.fail('POST /v3/reimagine', { kind: 'reset' }, { kind: 'reset' });
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { resendPaidRequests: true, maxRetries: 1 } },
			items: [png()],
		});
		expect(errorOf(result)?.message).toBe(
			'Novita AI request failed: the connection was closed before the response was complete',
		);
		expect(errorOf(result)?.description).toBe(
			'The connection to the API failed. Try again later; if it keeps happening, check the Base URL in the credential. Gave up after 2 attempts.',
		);
	});

	it('no answer within the timeout names the timeout', async () => {
		novita.fail('POST /v3/reimagine', { kind: 'hang' });
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { resendPaidRequests: true, maxRetries: 0, timeoutMs: 300 } },
			items: [png()],
		});
		expect(errorOf(result)?.message).toBe('Novita AI request failed: no answer within 300 ms');
		expect(errorOf(result)?.description).toBe(
			'The API did not answer in time. Raise the Timeout option, or try again later.',
		);
	});

	it('a refused connection says so and points at the Base URL', async () => {
		const closed = new (class extends ContractServer {
			protected routes() {
				return {};
			}
			protected rateLimitReply() {
				return { status: 429 };
			}
		})();
		const baseUrl = await closed.start();
		await closed.stop();
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { maxRetries: 0 } },
			items: [png()],
			credential: { baseUrl },
		});
		expect(errorOf(result)?.message).toBe('Novita AI request failed: the connection was refused');
		expect(errorOf(result)?.description).toBe(
			'The host could not be reached. Check the Base URL in the credential and the network of this n8n instance.',
		);
	});

	it('a host name that does not resolve says so (.invalid never resolves)', async () => {
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { maxRetries: 0 } },
			items: [png()],
			credential: { baseUrl: 'http://no-such-host.invalid' },
		});
		// A resolver answers "no such name" (ENOTFOUND); one that cannot be asked, "try again" (EAI_AGAIN).
		const outcomes: Record<string, string> = {
			'Novita AI request failed: the host name could not be resolved':
				'The host could not be reached. Check the Base URL in the credential and the network of this n8n instance.',
			'Novita AI request failed: the host name could not be resolved right now (DNS error)':
				'The connection to the API failed. Try again later; if it keeps happening, check the Base URL in the credential.',
		};
		const message = errorOf(result)?.message ?? '';
		expect(Object.keys(outcomes)).toContain(message);
		expect(errorOf(result)?.description).toBe(outcomes[message]);
	});

	it('a Retry-After longer than Max Retry-After Wait ends the retries and says why', async () => {
		novita.fail('POST /v3/reimagine', {
			kind: 'status',
			status: 429,
			body: { code: 429, reason: 'RATE_LIMIT_EXCEEDED', message: 'slow down' },
			headers: { 'retry-after': '90' },
		});
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { maxRetryAfterSeconds: 30 } },
			items: [png()],
		});
		expect(errorOf(result)?.message).toBe(
			'Novita AI returned HTTP 429: slow down [RATE_LIMIT_EXCEEDED]',
		);
		expect(errorOf(result)?.description).toBe(
			'Novita is rate limiting this account (Replace Background allows 10 images a minute by default). Lower the Concurrency option or raise Max Retries. Invalid parameters: the server asked to wait 90 s before retrying, longer than the Max Retry-After Wait option (30 s).',
		);
		expect(novita.requestsTo('POST /v3/reimagine')).toHaveLength(1);
	});

	it('the retry log line names the status, the vendor code and the item', async () => {
		novita.fail('POST /v3/reimagine', {
			kind: 'status',
			status: 503,
			body: { code: 503, reason: 'SERVICE_UNAVAILABLE', message: 'busy' },
		});
		const before = capturedLogs.length;
		const result = await runEntry('novitaReimagine', {
			server: novita,
			items: [png()],
			parameters: { options: { resendPaidRequests: true } },
		});
		expect(result.status).toBe('success');
		const lines = capturedLogs.slice(before).filter((line) => line.includes('attempt 1 failed'));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(
			/^debug Novita AI: attempt 1 failed, retrying in \d+ ms \{"status":503,"code":"SERVICE_UNAVAILABLE","itemIndex":0\}$/,
		);
	});
});

describe('answers in the 3xx range', () => {
	it('a 300 without a Location is refused like any redirect, naming no address', async () => {
		novita.fail('POST /v3/reimagine', { kind: 'status', status: 300, body: 'Multiple Choices' });
		const result = await runEntry('novitaReimagine', { server: novita, items: [png()] });
		expect(errorOf(result)?.message).toBe(
			'Novita AI answered with a redirect (HTTP 300) instead of a result',
		);
		expect(novita.requestsTo('POST /v3/reimagine')).toHaveLength(1);
	});
});

// The error's errorResponse and context: what n8n's error view and error workflows read.
describe('what a vendor error carries besides its message', () => {
	type ApiError = Error & {
		httpCode?: string | null;
		errorResponse?: Record<string, unknown>;
		context?: Record<string, unknown>;
	};

	it('an HTTP failure: vendor, message, code, status, details, attempts and request id', async () => {
		openai.fail('POST /images/variations', {
			kind: 'status',
			status: 400,
			body: {
				error: {
					message: 'Invalid size',
					type: 'invalid_request_error',
					param: 'size',
					code: 'invalid_value',
				},
			},
			headers: { 'x-request-id': 'req_abc123' },
		});
		const result = await runEntry('openAiVariations', {
			server: openai,
			typeVersion: 1,
			parameters: { options: { concurrency: 1 } },
			items: [png()],
		});
		const error = errorOf(result) as ApiError;
		expect(error.httpCode).toBe('400');
		expect(error.errorResponse).toEqual({
			vendor: 'OpenAI-compatible API',
			message: 'Invalid size',
			vendorCode: 'invalid_value',
			httpCode: '400',
			details: ['size'],
			requestId: 'req_abc123',
			attempts: 1,
		});
		expect(error.context).toMatchObject({
			vendorCode: 'invalid_value',
			requestId: 'req_abc123',
			attempts: 1,
		});
	});

	it('a network failure: no status, no code, but the attempts', async () => {
		novita.fail('POST /v3/reimagine', { kind: 'reset' });
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { maxRetries: 0 } },
			items: [png()],
		});
		const error = errorOf(result) as ApiError;
		expect(error.httpCode ?? undefined).toBeUndefined();
		expect(error.errorResponse).toEqual({
			vendor: 'Novita AI',
			message: 'the connection was closed before the response was complete',
			attempts: 1,
		});
	});
});

// The exact size limit, the text of an error page, a 410, and a content type in capitals.
describe('downloads at their edges', () => {
	it.each([false, true])(
		'a file of exactly Max Download Size is accepted (chunked: %s)',
		async (chunked) => {
			novita.chunkedFiles = chunked;
			novita.assets.set('exact.png', {
				body: makePng(32, 32, 5, 1024 * 1024),
				contentType: 'image/png',
			});
			const result = await runEntry('novitaReimagine', {
				server: novita,
				parameters: {
					inputSource: 'url',
					imageUrl: `${novita.baseUrl}/assets/exact.png`,
					options: { maxDownloadSizeMb: 1 },
				},
				items: [png()],
			});
			expect(result.error).toBeUndefined();
			expect(novita.requestsTo('POST /v3/reimagine')).toHaveLength(1);
		},
	);

	it.each([
		[
			404,
			'NoSuchKey: the specified key does not exist',
			'NoSuchKey: the specified key does not exist',
		],
		[410, 'Gone', 'Gone'],
		[404, '', 'the server answered HTTP 404'],
	])(
		'an input URL answering %i with "%s" names it, and says the file is gone',
		async (status, body, text) => {
			novita.fail('GET /assets/gone.png', { kind: 'status', status, body });
			const result = await runEntry('novitaReimagine', {
				server: novita,
				parameters: {
					inputSource: 'url',
					imageUrl: `${novita.baseUrl}/assets/gone.png`,
				},
				items: [png()],
			});
			expect(errorOf(result)?.message).toBe(`Image URL download returned HTTP ${status}: ${text}`);
			expect(errorOf(result)?.description).toBe(
				'The file is not available at this address (signed URLs expire after a while). Check the URL or run the node again.',
			);
		},
	);

	it('a content type in capitals and with parameters is read as the plain type', async () => {
		novita.assets.set('page.html', {
			body: '<html>Sign in</html>',
			contentType: 'Text/HTML ; Charset=UTF-8',
		});
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: {
				inputSource: 'url',
				imageUrl: `${novita.baseUrl}/assets/page.html`,
			},
			items: [png()],
		});
		expect(errorOf(result)?.message).toMatch(
			/^Item 0: Image URL answered with text\/html, not an image: http:\/\/127\.0\.0\.1:\d+\/assets\/page\.html$/,
		);
	});
});

describe("the credential's Base URL", () => {
	const VENDOR_RUNS = [
		{ name: 'Novita AI', id: 'novitaReimagine', server: () => novita, route: 'POST /v3/reimagine' },
		{
			name: 'Freepik',
			id: 'freepikReimagineFlux',
			server: () => freepik,
			route: `POST ${TASK_PATH}`,
		},
		{
			name: 'OpenAI-Compatible Images',
			id: 'openAiVariations',
			server: () => openai,
			route: 'POST /images/variations',
		},
	];
	const run = (id: string, server: ContractServer, baseUrl: string) =>
		runEntry(id, { server, items: [png()], credential: { baseUrl } });

	it.each(VENDOR_RUNS)(
		'$name: spaces around it and trailing slashes are dropped',
		async ({ id, server, route }) => {
			const result = await run(id, server(), ` ${server().baseUrl}/// `);
			expect(result.error).toBeUndefined();
			expect(server().requestsTo(route)).toHaveLength(1);
		},
	);

	it.each(
		VENDOR_RUNS.flatMap((vendor) =>
			['api.example.com', 'ftp://api.example.com', ''].map((baseUrl) => ({ ...vendor, baseUrl })),
		),
	)(
		'$name: "$baseUrl" fails before any request, naming the credential',
		async ({ name, id, server, baseUrl }) => {
			const result = await run(id, server(), baseUrl);
			expect(errorOf(result)?.message).toBe(
				`The Base URL in the ${name} credential is not a valid http(s) URL: "${baseUrl}"`,
			);
			expect(errorOf(result)?.description).toBe(
				'Open the credential and set Base URL to an address such as https://api.example.com.',
			);
			expect(server().requests).toHaveLength(0);
		},
	);
});
