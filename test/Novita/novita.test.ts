import { sniffImage } from '../../nodes/shared/image/sniff';
import { fixtures, jpegWithMetadata, jpegWithSize, makePng } from '../fixtures/images';
import type { InputItem } from '../harness/engine';
import { runEntry } from '../harness/runEntry';
import { gaps, refusalsByWave, SECRET_KEYS, serialise, startServer } from '../helpers';
import { NovitaServer, QWEN_PATH } from '../servers/novitaServer';

const server = startServer(new NovitaServer());
beforeAll(() => {
	server.apiKey = SECRET_KEYS.novita;
});

const png = (data: Buffer = fixtures.squarePng, fileName = 'in.png'): InputItem => ({
	binary: { data: { data, fileName, mimeType: 'image/png' } },
});

describe.each(['novitaReimagine', 'novitaReplaceBackground'] as const)('%s', (nodeType) => {
	const path = nodeType === 'novitaReimagine' ? '/v3/reimagine' : '/v3/replace-background';
	const route = `POST ${path}`;

	it('sends the binary as bare base64 with every documented field and stores the result in filesystem mode', async () => {
		const result = await runEntry(nodeType, {
			server,
			parameters: { responseImageType: 'png', useDedicatedEndpoint: true },
		});
		expect(result.error).toBeUndefined();
		const [req] = server.requestsTo(route);
		expect(req.headers.authorization).toBe(`Bearer ${SECRET_KEYS.novita}`);
		expect(req.headers['content-type']).toContain('application/json');
		expect(req.json).toEqual({
			...(nodeType === 'novitaReplaceBackground' ? { prompt: 'in a warehouse' } : {}),
			image_file: fixtures.squarePng.toString('base64'),
			extra: { response_image_type: 'png', enterprise_plan: { enabled: true } },
		});
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			image_type: 'png',
			mimeType: 'image/png',
			width: 64,
			height: 64,
		});
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileExtension: 'png' });
		expect(item.binary?.data.id).toMatch(/^filesystem/);
		expect(result.binaryPath(item)).toBeDefined();
		const bytes = await result.readBinary(item);
		expect(item.json.fileSize).toBe(bytes.length);
		expect(sniffImage(bytes)).toMatchObject({ format: 'png', width: 64, height: 64 });
	});

	it.each([
		['png', 'image/png', 'png'],
		['webp', 'image/webp', 'webp'],
		['jpeg', 'image/jpeg', 'jpg'],
	])('output type %s gives %s binary with a .%s name', async (type, mime, ext) => {
		const result = await runEntry(nodeType, { server, parameters: { responseImageType: type } });
		expect(result.error).toBeUndefined();
		expect((server.requestsTo(route)[0].json as { extra: object }).extra).toEqual({
			response_image_type: type,
			enterprise_plan: { enabled: false },
		});
		const [item] = result.items;
		expect(item.binary?.data.mimeType).toBe(mime);
		const suffix = nodeType === 'novitaReimagine' ? 'reimagined' : 'new-background';
		expect(item.binary?.data.fileName).toBe(`in-${suffix}.${ext}`);
		expect(sniffImage(await result.readBinary(item))?.mimeType).toBe(mime);
	});

	it('reads input from a URL and from base64 / data: URLs', async () => {
		server.assets.set('photo.png', { body: fixtures.widePng, contentType: 'image/png' });
		const fromUrl = await runEntry(nodeType, {
			server,
			parameters: { inputSource: 'url', imageUrl: `${server.baseUrl}/assets/photo.png` },
			items: [{ json: {} }],
		});
		expect(fromUrl.error).toBeUndefined();
		expect(fromUrl.items[0].binary?.data.fileName).toMatch(/^photo-/);
		const missing = await runEntry(nodeType, {
			server,
			parameters: { inputSource: 'url', imageUrl: `${server.baseUrl}/assets/missing.png` },
			items: [{ json: {} }],
		});
		expect(missing.error?.message).toMatch(/Image URL download returned HTTP 404/);

		const fromBase64 = await runEntry(nodeType, {
			server,
			parameters: { inputSource: 'base64', imageBase64: fixtures.photoJpeg.toString('base64') },
			items: [{ json: {} }],
		});
		expect(fromBase64.error).toBeUndefined();
		const dataUrl = `data:image/webp;base64,${fixtures.lossyWebp.toString('base64')}`;
		const fromDataUrl = await runEntry(nodeType, {
			server,
			parameters: { inputSource: 'base64', imageBase64: dataUrl },
			items: [{ json: {} }],
		});
		expect(fromDataUrl.error).toBeUndefined();
		const bodies = server
			.requestsTo(route)
			.map((r) => (r.json as { image_file: string }).image_file);
		expect(bodies).toEqual([
			fixtures.widePng.toString('base64'),
			fixtures.photoJpeg.toString('base64'),
			fixtures.lossyWebp.toString('base64'),
		]);
	});

	it('runs many items concurrently, in order, each paired to its input', async () => {
		server.holdUntilArrivals = 5;
		const items = [0, 1, 2, 3, 4].map((i) => png(makePng(16 + i, 16 + i), `in-${i}.png`));
		const result = await runEntry(nodeType, {
			server,
			parameters: { options: { concurrency: 5 } },
			items,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		expect(result.items.map((i) => i.json.width)).toEqual([16, 17, 18, 19, 20]);
		// All five were in flight together (the server answers none before five have arrived).
		expect(server.peakInFlight).toBe(5);
	});

	it('retries 429 with backoff, then succeeds', async () => {
		server.fail(route, {
			kind: 'status',
			status: 429,
			body: { code: 429, reason: 'RATE_LIMIT_EXCEEDED', message: 'rate limit exceeded' },
		});
		server.fail(route, { kind: 'status', status: 503, body: 'Service Unavailable' });
		const result = await runEntry(nodeType, {
			server,
			parameters: { options: { resendPaidRequests: true, maxRetries: 2 } },
		});
		expect(result.error).toBeUndefined();
		const times = server.requestsTo(route).map((r) => r.at);
		expect(times).toHaveLength(3);
		const [first, second] = gaps(times);
		expect(first).toBeGreaterThanOrEqual(40 * 0.75 - 2);
		expect(second).toBeGreaterThanOrEqual(80 * 0.75 - 2);
		expect(result.items[0].json.attempts).toBe(3);
	});

	it('rejects a Use Dedicated Endpoint expression that is not true or false before sending anything', async () => {
		const result = await runEntry(nodeType, {
			server,
			parameters: { useDedicatedEndpoint: '={{ "true" }}' },
		});
		expect(result.error?.message).toBe(
			'Item 0: Use Dedicated Endpoint must be true or false, but is "true"',
		);
		expect(server.requests).toHaveLength(0);
	});

	it('rejects oversize, over-resolution and unsupported inputs before sending anything', async () => {
		const api = nodeType === 'novitaReimagine' ? 'Novita Reimagine' : 'Novita Replace Background';
		const RESIZE = 'Resize or crop it first, for example with the Edit Image node.';
		const cases: Array<[Buffer, string, string]> = [
			[
				fixtures.gif,
				`the input image is a GIF; ${api} accepts only PNG, JPEG or WEBP`,
				'Convert it to PNG, JPEG or WEBP first, for example with the Edit Image node (Options > Format).',
			],
			[
				Buffer.from('<html>not an image</html>'),
				'the input is not an image: it is HTML or XML text ("<html>not an image</html>") (25 B, declared as image/png, file in.png)',
				`${api} needs a PNG, JPEG or WEBP image. Check that the input really holds an image file.`,
			],
			[Buffer.alloc(0), 'the input image is empty (0 bytes)', 'Provide a PNG, JPEG or WEBP image.'],
			[
				makePng(100, 100, 1, 30 * 1024 * 1024 + 10),
				`the input image is 100×100 PNG of 30.0 MB; ${api} accepts at most 30.0 MB`,
				'Make the file smaller first: resize it or save it with stronger compression, for example with the Edit Image node.',
			],
			nodeType === 'novitaReimagine'
				? [
						jpegWithSize(1025, 800),
						`the input image is 1025×800 pixels; ${api} accepts at most 1024 pixels on each side`,
						RESIZE,
					]
				: [
						jpegWithSize(4097, 100),
						`the input image is 4097×100 pixels; ${api} accepts at most 4096 pixels on each side`,
						RESIZE,
					],
		];
		if (nodeType === 'novitaReplaceBackground')
			cases.push([
				jpegWithSize(3000, 3000),
				`the input image is 3000×3000 pixels; ${api} accepts at most 2048×2048 pixels in total`,
				RESIZE,
			]);
		for (const [bytes, message, fix] of cases) {
			const result = await runEntry(nodeType, { server, items: [png(bytes)] });
			expect(result.error?.message).toBe(`Item 0: ${message}`);
			expect((result.error as { description?: string }).description).toBe(fix);
		}
		expect(server.requestsTo(route)).toHaveLength(0);
	});

	it('with continueOnFail, a failing item becomes an error item and the others succeed', async () => {
		const items = [png(), png(fixtures.gif), png()];
		const result = await runEntry(nodeType, {
			server,
			parameters: { options: { concurrency: 1 } },
			items,
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(3);
		expect(result.items[1].json.error).toMatch(/GIF/);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[0].binary?.data).toBeDefined();
		expect(result.items[2].binary?.data).toBeDefined();
		expect(server.requestsTo(route)).toHaveLength(2);
	});

	it('explains API_NOT_FOUND as a retired endpoint and points to the Base URL', async () => {
		server.retired.add(path);
		const result = await runEntry(nodeType, { server });
		expect(result.error?.message).toBe(
			'Novita AI returned HTTP 404: api not found [API_NOT_FOUND]',
		);
		expect((result.error as { description?: string }).description).toMatch(
			/no longer serves this endpoint.*Base URL/,
		);
		expect(server.requestsTo(route)).toHaveLength(1);
	});

	// Each kind of unusable answer is named for what it is, not all as "not JSON".
	it.each([
		['plain text', 'the body is not JSON'],
		[{ image_type: 'png' }, 'it has no image_file'],
		[{ image_file: '' }, 'it has no image_file'],
	])('an answer of %j: "%s"', async (body, problem) => {
		server.fail(route, { kind: 'status', status: 200, body });
		const result = await runEntry(nodeType, { server });
		expect(result.error?.message).toBe(
			`Novita AI returned HTTP 200: the response could not be used: ${problem}`,
		);
		expect(server.requestsTo(route)).toHaveLength(1);
	});
});

describe('Novita error reasons', () => {
	const route = 'POST /v3/reimagine';
	// Each reason's own advice, word for word: a hint moved to another reason must fail here.
	const reasons: Array<[number, string, boolean, string]> = [
		[
			400,
			'INVALID_REQUEST_BODY',
			false,
			'Novita rejected the request body. Check the node parameters.',
		],
		[
			400,
			'IMAGE_FILE_EXCEEDS_MAX_SIZE',
			false,
			'The image is larger than Novita accepts. Use a smaller file.',
		],
		[
			400,
			'INVALID_IMAGE_FORMAT',
			false,
			'Novita accepts PNG, JPEG and WEBP images. Convert the image first.',
		],
		[
			400,
			'IMAGE_EXCEEDS_MAX_RESOLUTION',
			false,
			'The image has more pixels than Novita accepts. Resize it first, e.g. with the Edit Image node.',
		],
		[
			400,
			'INVALID_IMAGE_SIZE',
			false,
			'Novita rejected the image dimensions. Resize it first, e.g. with the Edit Image node.',
		],
		[
			400,
			'ILLEGAL_PROMPT',
			false,
			'Novita refused the prompt under its content policy. Change the prompt.',
		],
		[
			400,
			'ILLEGAL_IMAGE_CONTENT',
			false,
			'Novita refused the image under its content policy. Use another image.',
		],
		[
			400,
			'BILLING_BALANCE_NOT_ENOUGH',
			false,
			'The Novita account balance is too low. Top up the account, then run the workflow again.',
		],
		[
			400,
			'MISSING_API_KEY',
			false,
			'No API key reached Novita. Check the API key in the Novita AI credential.',
		],
		[
			403,
			'INVALID_API_KEY',
			false,
			'Novita rejected the API key. Check the API key in the Novita AI credential.',
		],
		[
			403,
			'API_NOT_ALLOWED',
			false,
			'This API key may not use this endpoint. Check the key’s permissions in the Novita dashboard.',
		],
		[
			403,
			'BILLING_AUTH_FAILED',
			false,
			'Novita could not authorise billing for this account. Check the account’s billing settings.',
		],
		[
			403,
			'NEED_REAL_NAME_VERIFY',
			false,
			'Novita requires identity verification for this account. Complete it in the Novita dashboard.',
		],
		[
			404,
			'API_NOT_FOUND',
			false,
			'This host no longer serves this endpoint (Novita retired Reimagine and Replace Background in 2026). Set the Base URL in the Novita AI credential to a dedicated endpoint or proxy that still serves it.',
		],
		[
			429,
			'RATE_LIMIT_EXCEEDED',
			true,
			'Novita is rate limiting this account (Replace Background allows 10 images a minute by default). Lower the Concurrency option or raise Max Retries.',
		],
		[
			500,
			'BILLING_FAILED',
			true,
			'Novita’s billing service failed on this request, an error on Novita’s side, retried up to Max Retries. If it persists, check Novita’s status and the account’s billing, then run the workflow again.',
		],
		[
			500,
			'CREATE_TASK_FAILED',
			true,
			'Novita could not create the task, an error on Novita’s side, retried up to Max Retries. If it persists, run the workflow again later.',
		],
		[
			500,
			'GET_RESULT_FAILED',
			true,
			'Novita could not read the task’s result, an error on Novita’s side, retried up to Max Retries. If it persists, run the workflow again later.',
		],
		[
			403,
			'FEATURE_NOT_ALLOWED',
			false,
			'This Novita account may not use this feature. Check the account’s permissions in the Novita dashboard.',
		],
		[
			400,
			'IMAGE_NO_FACE_DETECTED',
			false,
			'Novita found no face in the image, and this endpoint needs one. Use an image with a clearly visible face.',
		],
		[
			500,
			'TASK_FAILED',
			true,
			'Novita failed to process the image. Try again; if it persists, try another image.',
		],
	];

	it.each(reasons)(
		'HTTP %i %s: message, hint, and retried=%s',
		async (status, reason, retried, hint) => {
			const body = {
				code: status,
				reason,
				message: `${reason.toLowerCase().replace(/_/g, ' ')}`,
				metadata: {},
			};
			server.fail(
				route,
				{ kind: 'status', status, body },
				{ kind: 'status', status, body },
				{ kind: 'status', status, body },
			);
			const result = await runEntry('novitaReimagine', {
				server,
				parameters: { options: { maxRetries: 2, resendPaidRequests: true } },
			});
			expect(result.error?.message).toBe(
				`Novita AI returned HTTP ${status}: ${body.message} [${reason}]`,
			);
			const error = result.error as unknown as {
				description: string;
				httpCode: string;
				context: { vendorCode: string };
			};
			expect(error.httpCode).toBe(String(status));
			expect(error.context.vendorCode).toBe(reason);
			expect(error.description).toBe(retried ? `${hint} Gave up after 3 attempts.` : hint);
			expect(server.requestsTo(route)).toHaveLength(retried ? 3 : 1);
			expect(serialise(result.items, result.error)).not.toContain(SECRET_KEYS.novita);
		},
	);

	// Proxies and gateways pass Novita's refusals on with statuses of their own (a billing refusal
	// as 429, an unknown key as 503): the reason decides, and one that cannot succeed is tried once,
	// on either engine.
	const refusals = reasons.filter(([, , retried]) => !retried).map(([, reason]) => reason);
	const engines = [
		{ engine: 'classic', typeVersion: 1, route },
		{ engine: 'qwen', typeVersion: 2, route: `POST ${QWEN_PATH}` },
	];
	describe.each(engines)('on the $engine engine', ({ engine, typeVersion, route: engineRoute }) => {
		it.each(refusals.flatMap((reason) => [429, 503].map((status) => [reason, status] as const)))(
			'%s arriving as HTTP %i is tried once',
			async (reason, status) => {
				const body = { code: status, reason, message: 'refused', metadata: {} };
				server.fail(
					engineRoute,
					...[1, 2, 3].map(() => ({ kind: 'status' as const, status, body })),
				);
				const result = await runEntry('novitaReimagine', {
					server,
					parameters: { engine, options: { maxRetries: 2 } },
					typeVersion,
				});
				expect(result.error?.message).toBe(
					`Novita AI returned HTTP ${status}: refused [${reason}]`,
				);
				expect((result.error as { description?: string }).description).not.toMatch(/Gave up/);
				expect(server.requestsTo(engineRoute)).toHaveLength(1);
			},
		);
	});

	it('an error body without a message says so, with the reason', async () => {
		server.fail(route, {
			kind: 'status',
			status: 400,
			body: { code: 400, reason: 'INVALID_REQUEST_BODY', metadata: {} },
		});
		const result = await runEntry('novitaReimagine', { server });
		expect(result.error?.message).toBe(
			'Novita AI returned HTTP 400: HTTP 400 without an error message [INVALID_REQUEST_BODY]',
		);
	});

	it('a wrong key gets INVALID_API_KEY from the server, once, without leaking the key', async () => {
		const result = await runEntry('novitaReimagine', {
			server,
			credential: { apiKey: 'wrong-key-XYZ' },
		});
		expect(result.error?.message).toContain('[INVALID_API_KEY]');
		expect((result.error as { description?: string }).description).toMatch(/credential/);
		expect(serialise(result.items, result.error)).not.toContain('wrong-key-XYZ');
		expect(server.requestsTo(route)).toHaveLength(1);
	});

	it('cancelling during a retry wait ends the wait with no further request', async () => {
		server.fail(route, {
			kind: 'status',
			status: 503,
			body: 'busy',
			headers: { 'retry-after': '30' },
		});
		let cancel: () => void = () => {};
		const running = runEntry('novitaReimagine', {
			server,
			parameters: { options: { resendPaidRequests: true, maxRetries: 2 } },
			onStart: (c) => (cancel = c),
		});
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(server.requestsTo(route)).toHaveLength(1);
		const started = Date.now();
		cancel();
		const result = await running;
		// Far less than the 30 s wait, with room for a loaded machine.
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.status).toBe('canceled');
		expect(server.requestsTo(route)).toHaveLength(1);
	});

	it('Replace Background requires a prompt, checked before any upload', async () => {
		for (const prompt of ['={{ "" }}', '={{ "   " }}', '={{ 42 }}']) {
			const result = await runEntry('novitaReplaceBackground', { server, parameters: { prompt } });
			expect(result.error?.message).toMatch(
				/^Item 0: Prompt (is empty|must be text, but the value is a number)/,
			);
		}
		expect(server.requests).toHaveLength(0);
	});
});

describe('upload of a stored binary', () => {
	const route = 'POST /v3/reimagine';

	it('streams it: the exact JSON body, with a Content-Length and no chunked encoding, again on a retry', async () => {
		const image = makePng(64, 64, 3, 1_000_001); // larger than one read chunk, not a multiple of 3
		server.fail(route, { kind: 'status', status: 503, body: 'busy' });
		const result = await runEntry('novitaReimagine', {
			server,
			items: [png(image)],
			parameters: { options: { resendPaidRequests: true } },
		});
		expect(result.error).toBeUndefined();
		const requests = server.requestsTo(route);
		expect(requests).toHaveLength(2);
		for (const req of requests) {
			expect(req.headers['content-type']).toBe('application/json');
			expect(req.headers['transfer-encoding']).toBeUndefined();
			expect(Number(req.headers['content-length'])).toBe(req.body.length);
			expect(req.json).toEqual({
				image_file: image.toString('base64'),
				extra: { response_image_type: 'png', enterprise_plan: { enabled: false } },
			});
		}
		expect(result.items[0].json).toMatchObject({ attempts: 2 });
	});

	it('reads the size of a JPEG whose frame header lies beyond the first 256 KB', async () => {
		const ok = await runEntry('novitaReimagine', {
			server,
			items: [png(jpegWithMetadata(300_000), 'photo.jpg')],
		});
		expect(ok.error).toBeUndefined();
		expect(server.requestsTo(route)).toHaveLength(1);
		const tooLarge = await runEntry('novitaReimagine', {
			server,
			items: [png(jpegWithMetadata(300_000, jpegWithSize(1025, 800)), 'photo.jpg')],
		});
		expect(tooLarge.error?.message).toMatch(
			/the input image is 1025×800 pixels; Novita Reimagine accepts at most 1024 pixels on each side/,
		);
		expect(server.requestsTo(route)).toHaveLength(1);
	});
});

describe('an API that allows fewer requests at once than the Concurrency option', () => {
	const route = 'POST /v3/reimagine';
	afterEach(() => {
		server.maxConcurrent = undefined;
		server.limitRetryAfter = undefined;
		server.latencyMs = 0;
	});

	it('gets every item through, sending fewer at once after the first refusals', async () => {
		server.maxConcurrent = 2;
		server.limitRetryAfter = '0.2';
		server.latencyMs = 50;
		server.holdUntilArrivals = 8;
		const items = Array.from({ length: 16 }, (_, i) => png(makePng(64, 64, i), `in-${i}.png`));
		const result = await runEntry('novitaReimagine', {
			server,
			parameters: { options: { concurrency: 8, maxRetries: 10 } },
			items,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.error)).toEqual(new Array(16).fill(undefined));
		expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		const [firstWave, later] = refusalsByWave(server.requestsTo(route), 8);
		// The first wave (8 sent, none answered before all arrived, 2 accepted) is refused 6 times;
		// after that only the gate's occasional try of one more (every 2 × limit answers) is. A fixed
		// 8 at once would be refused about 6 times a round.
		expect(firstWave).toBe(6);
		expect(later).toBeLessThanOrEqual(2);
	});
});
