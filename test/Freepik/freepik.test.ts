import { sniffImage } from '../../nodes/shared/image/sniff';
import { fixtures } from '../fixtures/images';
import type { InputItem } from '../harness/engine';
import { runEntry } from '../harness/runEntry';
import { gaps, SECRET_KEYS, serialise, startServer } from '../helpers';
import { FreepikServer, TASK_PATH } from '../servers/freepikServer';

const server = startServer(new FreepikServer());
const route = `POST ${TASK_PATH}`;
beforeAll(() => {
	server.apiKey = SECRET_KEYS.freepik;
});

const png = (data: Buffer = fixtures.squarePng): InputItem => ({
	binary: { data: { data, fileName: 'in.png', mimeType: 'image/png' } },
});

describe('Freepik Reimagine Flux', () => {
	it('sends every documented parameter and downloads the COMPLETED image into binary', async () => {
		const result = await runEntry('freepikReimagineFlux', {
			server,
			parameters: {
				prompt: 'A calm ocean',
				imagination: 'vivid',
				aspectRatio: 'widescreen_16_9',
				webhookUrl: '',
			},
		});
		expect(result.error).toBeUndefined();
		const [req] = server.requestsTo(route);
		expect(req.headers['x-freepik-api-key']).toBe(SECRET_KEYS.freepik);
		expect(req.json).toEqual({
			image: fixtures.squarePng.toString('base64'),
			prompt: 'A calm ocean',
			imagination: 'vivid',
			aspect_ratio: 'widescreen_16_9',
		});
		const [item] = result.items;
		expect(item.json).toMatchObject({
			status: 'COMPLETED',
			index: 0,
			mimeType: 'image/png',
			width: 48,
			height: 32,
		});
		expect(item.json.task_id).toEqual(expect.any(String));
		expect(item.json.url).toContain('/files/');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.data.fileName).toBe('in-reimagined.png');
		expect(sniffImage(await result.readBinary(item))?.format).toBe('png');
	});

	it.each([
		'original',
		'square_1_1',
		'classic_4_3',
		'traditional_3_4',
		'widescreen_16_9',
		'social_story_9_16',
		'standard_3_2',
		'portrait_2_3',
		'horizontal_2_1',
		'vertical_1_2',
		'social_post_4_5',
	])('aspect ratio %s reaches the body', async (aspectRatio) => {
		const result = await runEntry('freepikReimagineFlux', { server, parameters: { aspectRatio } });
		expect(result.error).toBeUndefined();
		expect((server.requestsTo(route)[0].json as { aspect_ratio: string }).aspect_ratio).toBe(
			aspectRatio,
		);
	});

	it('sends the key in X-Magnific-API-Key for the Magnific host preset header (custom host)', async () => {
		server.keyHeader = 'x-magnific-api-key';
		const result = await runEntry('freepikReimagineFlux', {
			server,
			credential: { headerName: 'X-Magnific-API-Key' },
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(route)[0].headers['x-magnific-api-key']).toBe(SECRET_KEYS.freepik);
		expect(server.requestsTo(route)[0].headers['x-freepik-api-key']).toBeUndefined();
	});

	it('accepts task bodies without the data wrapper, with several images and has_nsfw', async () => {
		server.behaviour = {
			...server.behaviour,
			wrapData: false,
			generatedCount: 3,
			hasNsfw: [false, true, false],
		};
		const result = await runEntry('freepikReimagineFlux', { server });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items.map((i) => i.json.has_nsfw)).toEqual([false, true, false]);
		expect(result.items.map((i) => i.binary?.data.fileName)).toEqual([
			'in-reimagined-1.png',
			'in-reimagined-2.png',
			'in-reimagined-3.png',
		]);
		expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(server.requestsTo('/files/')).toHaveLength(3);
	});

	it('polls an IN_PROGRESS task at growing intervals until COMPLETED', async () => {
		server.behaviour = { ...server.behaviour, initialStatus: 'IN_PROGRESS', completeAfterPolls: 4 };
		const result = await runEntry('freepikReimagineFlux', { server });
		expect(result.error).toBeUndefined();
		const polls = server.requests.filter(
			(r) => r.method === 'GET' && r.path.startsWith(`${TASK_PATH}/`),
		);
		expect(polls).toHaveLength(4);
		const spacing = gaps([server.requestsTo(route)[0].at, ...polls.map((p) => p.at)]);
		// 50 ms, then ×1.5 up to 4× (test/taskPoller.test.ts): no poll came sooner than planned (a
		// loaded machine only makes waits longer; 1 ms of timer rounding allowed).
		[50, 75, 113, 169].forEach((planned, n) =>
			expect(spacing[n]).toBeGreaterThanOrEqual(planned - 1),
		);
		expect(result.items[0].json.status).toBe('COMPLETED');
	});

	it('turns a FAILED task into an error with the task id, or an error item under continueOnFail', async () => {
		server.behaviour = {
			...server.behaviour,
			initialStatus: 'IN_PROGRESS',
			completeAfterPolls: 1,
			finalStatus: 'FAILED',
		};
		const failed = await runEntry('freepikReimagineFlux', { server });
		expect(failed.error?.message).toMatch(/^Freepik Reimagine Flux task [0-9a-f-]{36} FAILED$/);
		const soft = await runEntry('freepikReimagineFlux', {
			server,
			items: [png(), png()],
			continueOnFail: true,
		});
		expect(soft.items).toHaveLength(2);
		expect(soft.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(soft.items[0].json.error).toMatch(/FAILED/);
	});

	it('gives up at the max wait with the task id', async () => {
		server.behaviour = { ...server.behaviour, initialStatus: 'IN_PROGRESS' };
		const result = await runEntry('freepikReimagineFlux', {
			server,
			parameters: { options: { maxWaitSeconds: 0.3 } },
		});
		expect(result.error?.message).toMatch(
			/Freepik task ([0-9a-f-]{36}) did not complete within 0 s \(last status IN_PROGRESS\)/,
		);
		expect((result.error as { description?: string }).description).toMatch(
			/GET .*reimagine-flux\/[0-9a-f-]{36}/,
		);
	});

	it('explains a 404 on polling and suggests a webhook', async () => {
		server.behaviour = {
			...server.behaviour,
			initialStatus: 'IN_PROGRESS',
			pollingSupported: false,
		};
		const result = await runEntry('freepikReimagineFlux', { server });
		expect(result.error?.message).toMatch(/does not offer status polling/);
		expect((result.error as { description?: string }).description).toMatch(/Webhook URL/);
	});

	it('with a webhook URL, returns the in-progress task without polling', async () => {
		server.behaviour = { ...server.behaviour, initialStatus: 'IN_PROGRESS' };
		const result = await runEntry('freepikReimagineFlux', {
			server,
			parameters: { webhookUrl: 'https://hooks.example.com/freepik' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			status: 'IN_PROGRESS',
			webhook_url: 'https://hooks.example.com/freepik',
		});
		expect((server.requestsTo(route)[0].json as { webhook_url: string }).webhook_url).toBe(
			'https://hooks.example.com/freepik',
		);
		expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
	});

	it('with a webhook URL, a task answer without generated gives generated: []', async () => {
		server.behaviour = {
			...server.behaviour,
			initialStatus: 'IN_PROGRESS',
			omitEmptyGenerated: true,
		};
		const result = await runEntry('freepikReimagineFlux', {
			server,
			parameters: { webhookUrl: 'https://hooks.example.com/freepik' },
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(route)).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ status: 'IN_PROGRESS', generated: [] });
	});

	it('rejects a webhook URL that is not http(s) before sending anything', async () => {
		const result = await runEntry('freepikReimagineFlux', {
			server,
			parameters: { webhookUrl: 'ftp://example.com/hook' },
		});
		expect(result.error?.message).toMatch(/Webhook URL must use http or https/);
		expect(server.requests).toHaveLength(0);
	});

	it('reads both 400 shapes into one readable message', async () => {
		server.fail(route, {
			kind: 'status',
			status: 400,
			body: { message: "Parameter 'image' is required" },
		});
		const plain = await runEntry('freepikReimagineFlux', { server });
		expect(plain.error?.message).toBe("Freepik returned HTTP 400: Parameter 'image' is required");
		server.fail(route, {
			kind: 'status',
			status: 400,
			headers: { 'content-type': 'application/problem+json' },
			body: {
				message: "Your request parameters didn't validate.",
				invalid_params: [
					{ name: 'aspect_ratio', reason: 'Must be one of ...' },
					{ name: 'imagination', reason: 'Must be one of wild, subtle, vivid' },
				],
			},
		});
		const problem = await runEntry('freepikReimagineFlux', { server });
		expect(problem.error?.message).toBe(
			"Freepik returned HTTP 400: Your request parameters didn't validate.",
		);
		expect((problem.error as { description?: string }).description).toContain(
			'Invalid parameters: aspect_ratio: Must be one of ...; imagination: Must be one of wild, subtle, vivid.',
		);
	});

	it('a 400 without a message, listing entries without a name or reason, still reads', async () => {
		server.fail(route, {
			kind: 'status',
			status: 400,
			headers: { 'content-type': 'application/problem+json' },
			body: { invalid_params: [{ reason: 'Must be a URL' }, { name: 'image' }] },
		});
		const result = await runEntry('freepikReimagineFlux', { server });
		expect(result.error?.message).toBe(
			'Freepik returned HTTP 400: HTTP 400 without an error message',
		);
		expect((result.error as { description?: string }).description).toContain(
			'Invalid parameters: ?: Must be a URL; image: invalid.',
		);
	});

	it('an Aspect Ratio expression resolving to "" sends the default, original', async () => {
		const result = await runEntry('freepikReimagineFlux', {
			server,
			parameters: { aspectRatio: '={{ "" }}' },
		});
		expect(result.error).toBeUndefined();
		expect((server.requestsTo(route)[0].json as { aspect_ratio: string }).aspect_ratio).toBe(
			'original',
		);
	});

	it('rejects unknown enum values from expressions before sending anything', async () => {
		const result = await runEntry('freepikReimagineFlux', {
			server,
			parameters: { imagination: '={{ "crazy" }}' },
		});
		expect(result.error?.message).toMatch(
			/Imagination must be one of subtle, vivid, wild, but is "crazy"/,
		);
		expect(server.requests).toHaveLength(0);
	});

	it.each([
		[{ prompt: '={{ 5 }}' }, 'Item 0: Prompt must be text, but the value is a number'],
		[
			{ aspectRatio: '={{ "wide" }}' },
			'Item 0: Aspect Ratio must be one of original, square_1_1, classic_4_3, traditional_3_4, widescreen_16_9, social_story_9_16, standard_3_2, portrait_2_3, horizontal_2_1, vertical_1_2, social_post_4_5, but is "wide"',
		],
		[{ webhookUrl: '={{ true }}' }, 'Item 0: Webhook URL must be text, but the value is a boolean'],
		[
			{ downloadImages: '={{ "false" }}' },
			'Item 0: Download Images must be true or false, but is "false"',
		],
	])('rejects %j before sending anything, naming the parameter', async (parameters, message) => {
		const result = await runEntry('freepikReimagineFlux', { server, parameters: parameters });
		expect(result.error?.message).toBe(message);
		expect(server.requests).toHaveLength(0);
	});

	it('points to the credential on 401 and never leaks the key', async () => {
		server.apiKey = 'another-key';
		try {
			const result = await runEntry('freepikReimagineFlux', { server });
			expect(result.error?.message).toBe('Freepik returned HTTP 401: Invalid API key');
			expect((result.error as { description?: string }).description).toMatch(/Freepik credential/);
			expect(serialise(result.items, result.error)).not.toContain(SECRET_KEYS.freepik);
			expect(server.requestsTo(route)).toHaveLength(1);
		} finally {
			server.apiKey = SECRET_KEYS.freepik;
		}
	});

	it('retries 429 and 503, honouring Retry-After', async () => {
		server.fail(route, {
			kind: 'status',
			status: 429,
			body: { message: 'Too many requests' },
			headers: { 'retry-after': '0.2' },
		});
		server.fail(route, {
			kind: 'status',
			status: 503,
			body: { message: 'Service Unavailable. Please try again later.' },
		});
		const result = await runEntry('freepikReimagineFlux', { server });
		expect(result.error).toBeUndefined();
		const [wait] = gaps(server.requestsTo(route).map((r) => r.at));
		expect(server.requestsTo(route)).toHaveLength(3);
		expect(wait).toBeGreaterThanOrEqual(195);
	});

	it('keeps the images that downloaded when one URL fails (continueOnFail), and lists URLs otherwise', async () => {
		server.behaviour = { ...server.behaviour, generatedCount: 2 };
		const brokenFirst = (name: string) => name.endsWith('-0.png');
		const original = server.tasks.set.bind(server.tasks);
		server.tasks.set = (id, task) => {
			task.files.filter(brokenFirst).forEach((f) => server.brokenFiles.add(f));
			return original(id, task);
		};
		try {
			const soft = await runEntry('freepikReimagineFlux', { server, continueOnFail: true });
			expect(soft.items).toHaveLength(2);
			expect(soft.items[0].json.error).toMatch(/download returned HTTP 404/);
			expect(soft.items[0].json.url).toContain('-0.png');
			expect(soft.items[1].binary?.data).toBeDefined();
			const hard = await runEntry('freepikReimagineFlux', { server });
			expect(hard.error?.message).toMatch(
				/1 of 2 Freepik generated images could not be downloaded/,
			);
			expect((hard.error as { description?: string }).description).toMatch(/-0\.png.*-1\.png/);
		} finally {
			server.tasks.set = original;
		}
	});

	it('cuts off a generated image larger than the download cap', async () => {
		server.oversizeFileBytes = 2 * 1024 * 1024;
		const result = await runEntry('freepikReimagineFlux', {
			server,
			parameters: { options: { maxDownloadSizeMb: 1 } },
		});
		expect(result.error?.message).toMatch(
			/1 of 1 Freepik generated images could not be downloaded: Freepik generated image is 2\.0 MB, larger than the download limit of 1\.0 MB/,
		);
		expect(server.requestsTo('/files/')).toHaveLength(1);
	});

	it('returns only the URLs when Download Images is off', async () => {
		server.behaviour = { ...server.behaviour, generatedCount: 2 };
		const result = await runEntry('freepikReimagineFlux', {
			server,
			parameters: { downloadImages: false },
		});
		expect(result.items).toHaveLength(2);
		expect(result.items.every((i) => !i.binary && typeof i.json.url === 'string')).toBe(true);
		expect(server.requestsTo('/files/')).toHaveLength(0);
	});

	it('stops polling at once when the execution is cancelled', async () => {
		server.behaviour = { ...server.behaviour, initialStatus: 'IN_PROGRESS' };
		let cancel: () => void = () => {};
		const running = runEntry('freepikReimagineFlux', {
			server,
			parameters: { options: { pollIntervalSeconds: 20, maxWaitSeconds: 60 } },
			onStart: (c) => (cancel = c),
		});
		await new Promise((resolve) => setTimeout(resolve, 300));
		const before = server.requests.length;
		cancel();
		const started = Date.now();
		const result = await running;
		// Far less than the 20 s wait for the next poll, with room for a loaded machine.
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.status).toBe('canceled');
		await new Promise((resolve) => setTimeout(resolve, 1200));
		expect(server.requests.length).toBe(before);
	});
});

// A webhook with a task that finishes at once, a COMPLETED task without images, the webhook item's
// pairing when outputs and inputs differ in count, and the rate-limit hint once retries run out.
describe('Freepik Reimagine Flux: task outcomes, exactly', () => {
	const hook = 'https://hooks.example.com/freepik';

	it('with a webhook URL, a task that is COMPLETED at once still gives its images', async () => {
		const result = await runEntry('freepikReimagineFlux', {
			server,
			parameters: { webhookUrl: hook },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.status, item.binary?.data?.fileName])).toEqual([
			['COMPLETED', 'in-reimagined.png'],
		]);
	});

	it('with a webhook URL, a task that FAILED at once fails the item', async () => {
		server.behaviour = { ...server.behaviour, initialStatus: 'FAILED' };
		const result = await runEntry('freepikReimagineFlux', {
			server,
			parameters: { webhookUrl: hook },
		});
		expect(result.error?.message).toMatch(/^Freepik Reimagine Flux task [\w-]+ FAILED$/);
		const [id] = /[\w-]{36}/.exec(result.error?.message ?? '') ?? [];
		// What n8n's error view and error workflows show as the error's details.
		expect((result.error as { errorResponse?: unknown }).errorResponse).toEqual({
			message: 'task failed',
			task_id: id,
		});
	});

	it('a COMPLETED task without images says so', async () => {
		server.behaviour = { ...server.behaviour, generatedCount: 0 };
		const result = await runEntry('freepikReimagineFlux', { server });
		expect(result.error?.message).toMatch(
			/^Freepik task [\w-]+ ended with status COMPLETED and 0 images$/,
		);
		expect((result.error as { description?: string }).description).toBe(
			'The API answered outside its documentation. Try again.',
		);
		const [id] = /[\w-]{36}/.exec(result.error?.message ?? '') ?? [];
		expect((result.error as { errorResponse?: unknown }).errorResponse).toEqual({
			message: 'unexpected status COMPLETED',
			task_id: id,
		});
	});

	// Only COMPLETED is complete: a task with images under a status the documentation does not name
	// is not.
	it('a task that ends with an undocumented status fails the item, even with images', async () => {
		server.assets.set('result.png', { body: fixtures.squarePng, contentType: 'image/png' });
		const url = `${server.baseUrl}/assets/result.png`;
		server.fail(route, {
			kind: 'status',
			status: 200,
			body: { data: { task_id: 't-9', status: 'expired', generated: [url] } },
		});
		const result = await runEntry('freepikReimagineFlux', { server });
		expect(result.error?.message).toBe('Freepik task t-9 ended with status EXPIRED and 1 images');
		expect(server.requestsTo('/assets/')).toHaveLength(0);
	});

	it('the webhook item keeps its pairing among the images of other items', async () => {
		server.behaviour = {
			...server.behaviour,
			initialStatus: 'IN_PROGRESS',
			completeAfterPolls: 1,
			generatedCount: 2,
		};
		const result = await runEntry('freepikReimagineFlux', {
			server,
			parameters: { webhookUrl: '={{ $json.hook }}' },
			items: [
				{ ...png(), json: { hook } },
				{ ...png(), json: { hook: '' } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.status, item.pairedItem])).toEqual([
			['IN_PROGRESS', { item: 0 }],
			['COMPLETED', { item: 1 }],
			['COMPLETED', { item: 1 }],
		]);
	});

	// Unusable task answers, and a failed poll that is not a 404.
	it.each([
		['plain text', 'the body is not JSON'],
		[{ data: { task_id: 't-1' } }, 'it has no task_id or status'],
		[{ data: { status: 'COMPLETED' } }, 'it has no task_id or status'],
		[{ task_id: 't-1' }, 'it has no task_id or status'],
	])('a task answer of %j: "%s"', async (body, problem) => {
		server.fail(route, { kind: 'status', status: 200, body });
		const result = await runEntry('freepikReimagineFlux', { server });
		expect(result.error?.message).toBe(
			`Freepik returned HTTP 200: the response could not be used: ${problem}`,
		);
	});

	it('entries of generated that are not URLs are skipped', async () => {
		server.assets.set('result.png', { body: fixtures.squarePng, contentType: 'image/png' });
		const url = `${server.baseUrl}/assets/result.png`;
		server.fail(route, {
			kind: 'status',
			status: 200,
			body: { data: { task_id: 't-1', status: 'COMPLETED', generated: [42, null, url] } },
		});
		const result = await runEntry('freepikReimagineFlux', { server });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.url, item.json.index])).toEqual([[url, 0]]);
		expect(server.requestsTo('/assets/')).toHaveLength(1);
	});

	it('a host without polling: the error names the task, and carries the 404', async () => {
		server.behaviour = {
			...server.behaviour,
			initialStatus: 'IN_PROGRESS',
			pollingSupported: false,
		};
		const result = await runEntry('freepikReimagineFlux', { server });
		const error = result.error as unknown as {
			message: string;
			httpCode?: string;
			errorResponse?: unknown;
		};
		expect(error.message).toMatch(
			/^This host does not offer status polling for Reimagine Flux tasks \(GET \.\.\.\/([\w-]+) answered 404\); task \1 is still IN_PROGRESS$/,
		);
		expect(error.httpCode).toBe('404');
		expect(error.errorResponse).toEqual({
			message: 'Freepik returned HTTP 404: Not found',
			httpCode: '404',
		});
	});

	it.each([
		[401, { message: 'Invalid API key' }, 'Freepik returned HTTP 401: Invalid API key'],
		[
			200,
			'plain text',
			'Freepik returned HTTP 200: the response could not be used: the body is not JSON',
		],
	])(
		'a poll answered %i is that failure, not "polling not offered"',
		async (status, body, message) => {
			server.behaviour = { ...server.behaviour, initialStatus: 'IN_PROGRESS' };
			server.fail(`GET ${TASK_PATH}/*`, { kind: 'status', status, body });
			const result = await runEntry('freepikReimagineFlux', { server });
			expect(result.error?.message).toBe(message);
		},
	);

	// A result URL answering something else than an image, with or without a content type.
	it.each([
		['text/plain; charset=utf-8', 'hello', 'text/plain, 5 bytes'],
		['no content type', Buffer.from('hello!'), 'no content type, 6 bytes'],
	])('a result URL answering %s is not an image', async (_name, body, found) => {
		server.fail('GET /files/*', { kind: 'status', status: 200, body });
		const result = await runEntry('freepikReimagineFlux', { server });
		const [url] = server.requestsTo('/files/').map((r) => `${server.baseUrl}${r.path}?${r.query}`);
		expect(result.error?.message).toBe(
			`1 of 1 Freepik generated images could not be downloaded: Freepik generated image is not an image (${found})`,
		);
		expect((result.error as { description?: string }).description).toBe(
			`The URL did not return an image; it may have expired. Run the node again. The images were generated; while their URLs are valid they can still be fetched: ${url}. Turn on "Continue On Fail" to keep the images that did download.`,
		);
	});

	it('one of two result downloads failing lists both URLs, one after the other', async () => {
		server.behaviour = { ...server.behaviour, generatedCount: 2 };
		server.fail('GET /files/*', { kind: 'status', status: 200, body: 'hello' });
		const result = await runEntry('freepikReimagineFlux', { server });
		const urls = server.requestsTo('/files/').map((r) => `${server.baseUrl}${r.path}?${r.query}`);
		expect(urls).toHaveLength(2);
		expect(result.error?.message).toBe(
			'1 of 2 Freepik generated images could not be downloaded: Freepik generated image is not an image (text/plain, 5 bytes)',
		);
		const description = (result.error as { description?: string }).description ?? '';
		const listed = /can still be fetched: (.*)\. Turn on "Continue On Fail"/.exec(description)?.[1];
		expect(listed?.split(' ').sort()).toEqual(urls.sort());
	});

	it('a 429 after the last retry explains the rate limit', async () => {
		server.fail(route, {
			kind: 'status',
			status: 429,
			body: { message: 'Too many requests' },
		});
		const result = await runEntry('freepikReimagineFlux', {
			server,
			parameters: { options: { maxRetries: 0 } },
		});
		expect(result.error?.message).toBe('Freepik returned HTTP 429: Too many requests');
		expect((result.error as { description?: string }).description).toBe(
			'Freepik (Magnific) is rate limiting this key: Magnific allows 50 requests a minute per key (and per IP 50 a second, 10 a second on average over 2 minutes); free Freepik keys 100 requests a day. Lower the Concurrency option, raise Max Retries, or upgrade the plan.',
		);
	});
});
