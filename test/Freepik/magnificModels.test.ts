import { fixtures, makePng, solidJpeg, solidWebp } from '../fixtures/images';
import type { InputItem } from '../harness/engine';
import { runEntry } from '../harness/runEntry';
import { expectNoSecrets, SECRET_KEYS, serialise, startServer } from '../helpers';
import { FreepikServer, UPLOAD_REQUEST_PATH } from '../servers/freepikServer';
import { MAGNIFIC_PATHS } from '../vendors';

// The Freepik node on Magnific's asynchronous models, through n8n's engine against the contract
// server written from docs.magnific.com: each model from binary, URL and base64 input with the
// most images it takes; the upload flow (signed headers, no key); a FAILED task; refusals before
// any request. The server reads every image back and checks every field strictly.

const server = startServer(new FreepikServer());
beforeAll(() => {
	server.apiKey = SECRET_KEYS.freepik;
});

const IMAGES = [
	makePng(64, 64, 1),
	solidJpeg(40, 30, 90),
	solidWebp(20, 20, [10, 200, 30]),
	makePng(32, 48, 4),
	makePng(48, 32, 5),
	makePng(16, 16, 6),
];
const MIME = ['image/png', 'image/jpeg', 'image/webp', 'image/png', 'image/png', 'image/png'];

/** One item with the images as binary fields data, data_1, … data_4. */
const item = (count = IMAGES.length): InputItem => ({
	binary: Object.fromEntries(
		IMAGES.slice(0, count).map((data, n) => [
			n === 0 ? 'data' : `data_${n}`,
			{ data, fileName: `image${n + 1}`, mimeType: MIME[n] },
		]),
	),
});

const ENTRY_OF = {
	fluxKontextPro: 'freepikKontextMax',
	fluxKontextMax: 'freepikKontextMax',
	seedream45Edit: 'freepikSeedreamEdit',
	nanoBananaPro: 'freepikNanoBananaPro',
	nanoBananaProFlash: 'freepikNanoBananaPro',
} as const;
type Model = keyof typeof ENTRY_OF;

/** How each page places image n, and how the server must have received a binary or base64 one. */
const MODELS: Array<{ model: Model; max: number; field: (n: number) => string; inline: boolean }> =
	[
		{ model: 'fluxKontextPro', max: 1, field: () => 'input_image', inline: false },
		{
			model: 'fluxKontextMax',
			max: 4,
			field: (n) => (n === 0 ? 'input_image' : `input_image_${n + 1}`),
			inline: false,
		},
		{ model: 'seedream45Edit', max: 5, field: (n) => `reference_images[${n}]`, inline: true },
		{ model: 'nanoBananaPro', max: 3, field: (n) => `reference_images[${n}].image`, inline: false },
		{
			model: 'nanoBananaProFlash',
			max: 3,
			field: (n) => `reference_images[${n}].image`,
			inline: false,
		},
	];

const run = async (model: Model, parameters: Record<string, unknown> = {}, items = [item(1)]) =>
	await runEntry(ENTRY_OF[model], { server, items, parameters: { model, ...parameters } });

const puts = () => server.requests.filter((r) => r.method === 'PUT');
/** Downloads of generated images (uploads and asset reads are /files/ too). */
const generatedDownloads = () =>
	server.requests.filter((r) => r.method === 'GET' && /^\/files\/[0-9a-f-]{36}-/.test(r.path));

describe.each(MODELS)('Magnific $model', ({ model, max, field, inline }) => {
	const path = MAGNIFIC_PATHS[model];

	it(`${max} image(s) from binary fields arrive in order, the task is polled and its image downloaded`, async () => {
		const additionalImages = {
			images: Array.from({ length: max - 1 }, (_, n) => ({
				source: 'binary',
				binaryPropertyName: `data_${n + 1}`,
			})),
		};
		const result = await run(model, { additionalImages }, [item(max)]);
		expect(result.error).toBeUndefined();
		const [task] = server.modelTasks;
		expect(task.path).toBe(path);
		expect(task.images.map((image) => image.field)).toEqual(
			Array.from({ length: max }, (_, n) => field(n)),
		);
		task.images.forEach((image, n) => {
			expect(image.bytes.equals(IMAGES[n])).toBe(true);
			expect(image.sentAs).toBe(inline ? 'base64' : 'upload');
		});
		if (model.startsWith('nanoBanana'))
			expect(task.images.map((image) => image.mimeType)).toEqual(MIME.slice(0, max));
		expect(puts()).toHaveLength(inline ? 0 : max);
		expect(server.charges.map((charge) => charge.route)).toEqual([`POST ${path}`]);
		expect(result.items).toHaveLength(1);
		const [out] = result.items;
		expect(out.json).toMatchObject({
			model: path.split('/').pop(),
			status: 'COMPLETED',
			mimeType: 'image/png',
		});
		expect(out.binary?.data.fileName).toBe('image1-edited.png');
		expect(out.pairedItem).toEqual({ item: 0 });
		if (max > 1)
			expect(out.json.inputImages).toEqual(
				Array.from({ length: max }, (_, n) => ({ binaryField: n === 0 ? 'data' : `data_${n}` })),
			);
	});

	it('an image URL is passed on as the URL, a base64 image uploaded or inlined', async () => {
		server.assets.set('photo.jpg', { body: IMAGES[1], contentType: 'image/jpeg' });
		const url = `${server.baseUrl}/assets/photo.jpg`;
		const base64 = IMAGES[2].toString('base64');
		const first = await run(model, { inputSource: 'url', imageUrl: url });
		expect(first.error).toBeUndefined();
		expect(server.modelTasks[0].images[0]).toMatchObject({ sentAs: 'url', field: field(0) });
		expect(server.modelTasks[0].images[0].bytes.equals(IMAGES[1])).toBe(true);
		// A URL needs no upload, and the node does not fetch it itself.
		expect(puts()).toHaveLength(0);
		expect(server.requestsTo(`POST ${UPLOAD_REQUEST_PATH}`)).toHaveLength(0);
		expect(first.items[0].binary?.data.fileName).toBe('photo-edited.png');

		const second = await run(model, { inputSource: 'base64', imageBase64: base64 });
		expect(second.error).toBeUndefined();
		expect(server.modelTasks[1].images[0]).toMatchObject({
			sentAs: inline ? 'base64' : 'upload',
		});
		expect(server.modelTasks[1].images[0].bytes.equals(IMAGES[2])).toBe(true);
	});

	if (max > 1)
		it(`${max} images mixing binary, URL and base64 keep their order`, async () => {
			server.assets.set('second.jpg', { body: IMAGES[1], contentType: 'image/jpeg' });
			const sources = [
				{ source: 'url', imageUrl: `${server.baseUrl}/assets/second.jpg` },
				{ source: 'base64', imageBase64: IMAGES[2].toString('base64') },
				{ source: 'binary', binaryPropertyName: 'data_3' },
				{ source: 'binary', binaryPropertyName: 'data_4' },
			].slice(0, max - 1);
			const result = await run(model, { additionalImages: { images: sources } }, [item(max)]);
			expect(result.error).toBeUndefined();
			const { images } = server.modelTasks[0];
			expect(images.map((image) => image.sentAs)).toEqual(
				['binary', 'url', 'base64', 'binary', 'binary']
					.slice(0, max)
					.map((how) => (how === 'url' ? 'url' : inline ? 'base64' : 'upload')),
			);
			images.forEach((image, n) => expect(image.bytes.equals(IMAGES[n])).toBe(true));
			expect(result.items[0].json.inputImages).toEqual(
				[
					{ binaryField: 'data' },
					{ url: `${server.baseUrl}/assets/second.jpg` },
					{ base64: true },
					{ binaryField: 'data_3' },
					{ binaryField: 'data_4' },
				].slice(0, max),
			);
		});

	it(`refuses ${max + 1} images before any request, naming them`, async () => {
		const result = await run(model, { inputSource: 'allBinary' }, [item(max + 1)]);
		expect(result.error?.message).toMatch(
			max === 1
				? /Flux Kontext Pro takes one image; this item has 2 \(1\. binary field "data"; 2\. binary field "data_1"\)$/
				: new RegExp(`takes at most ${max} images; this item has ${max + 1} \\(1\\. binary field`),
		);
		expect(server.requests).toHaveLength(0);
	});

	it('a FAILED task fails the item with Magnific’s reason, or gives an error item', async () => {
		server.modelBehaviour = {
			...server.modelBehaviour,
			finalStatus: 'FAILED',
			failureReason: 'The content was flagged by the safety filter',
		};
		const result = await run(model);
		expect(result.error?.message).toMatch(
			new RegExp(
				`^Freepik .+ task [0-9a-f-]{36} FAILED: The content was flagged by the safety filter$`,
			),
		);
		const soft = await runEntry(ENTRY_OF[model], {
			server,
			items: [item(1)],
			parameters: { model },
			continueOnFail: true,
		});
		expect(soft.items[0].json.error).toMatch(/FAILED: The content was flagged/);
		expect(soft.items[0].pairedItem).toEqual({ item: 0 });
		// No generated image was asked for.
		expect(generatedDownloads()).toHaveLength(0);
	});
});

describe('Magnific models: every documented field', () => {
	it.each([
		[
			'fluxKontextPro',
			{
				promptUpsampling: true,
				seed: 42,
				kontextGuidance: 7.5,
				kontextSteps: 30,
				kontextProAspectRatio: 'standard_3_2',
			},
			{ prompt_upsampling: true, seed: 42, guidance: 7.5, steps: 30, aspect_ratio: 'standard_3_2' },
		],
		[
			'fluxKontextMax',
			{
				kontextMaxAspectRatio: 'social_post_4_5',
				kontextSafetyTolerance: 6,
				kontextOutputFormat: 'jpeg',
				kontextSteps: 100,
			},
			{ aspect_ratio: 'social_post_4_5', safety_tolerance: 6, output_format: 'jpeg', steps: 100 },
		],
		[
			'seedream45Edit',
			{ seed: 2147483647, seedreamAspectRatio: 'portrait_2_3' },
			{ seed: 2147483647, aspect_ratio: 'portrait_2_3' },
		],
		[
			'nanoBananaPro',
			{ nanoBananaAspectRatio: '21:9', nanoBananaProResolution: '4K', googleSearch: true },
			{ aspect_ratio: '21:9', resolution: '4K', use_google_search_tool: true },
		],
		[
			'nanoBananaProFlash',
			{ nanoBananaAspectRatio: '9:16', nanoBananaFlashResolution: '2K' },
			{ aspect_ratio: '9:16', resolution: '2K' },
		],
	] as Array<[Model, Record<string, unknown>, Record<string, unknown>]>)(
		'%s sends each option added, and only those',
		async (model, modelOptions, sent) => {
			const result = await run(model, {
				prompt: 'Make it look like a postcard',
				modelOptions,
				webhookUrl: '',
			});
			expect(result.error).toBeUndefined();
			expect(server.modelTasks[0].fields).toEqual({
				prompt: 'Make it look like a postcard',
				...sent,
			});
		},
	);

	it('options of another model, kept when the model was switched, are not sent', async () => {
		const result = await run('seedream45Edit', {
			modelOptions: { kontextSteps: 30, nanoBananaProResolution: '4K', seed: 7 },
		});
		expect(result.error).toBeUndefined();
		expect(server.modelTasks[0].fields).toEqual({
			prompt: 'Turn the scene into a watercolour painting',
			seed: 7,
		});
	});
});

describe('Magnific uploads', () => {
	it('the PUT carries exactly the signed headers and the bytes, never the key', async () => {
		server.keyHeader = 'x-magnific-api-key';
		const result = await runEntry('freepikNanoBananaPro', {
			server,
			items: [item(2)],
			parameters: {
				additionalImages: { images: [{ source: 'binary', binaryPropertyName: 'data_1' }] },
			},
			credential: { headerName: 'X-Magnific-API-Key' },
		});
		expect(result.error).toBeUndefined();
		const [ask] = server.requestsTo(`POST ${UPLOAD_REQUEST_PATH}`);
		expect(ask.headers['x-magnific-api-key']).toBe(SECRET_KEYS.freepik);
		expect(ask.json).toEqual({
			files: [{ content_type: 'image/png' }, { content_type: 'image/jpeg' }],
		});
		const sent = puts();
		expect(sent).toHaveLength(2);
		sent.forEach((put, n) => {
			expect(put.headers['content-type']).toBe(MIME[n]);
			expect(put.headers['x-goog-content-length-range']).toBe('0,1073741824');
			expect(put.headers['content-length']).toBe(String(IMAGES[n].length));
			expect(put.body.equals(IMAGES[n])).toBe(true);
			expect(serialise([], undefined, put.headers)).not.toContain(SECRET_KEYS.freepik);
			expect(put.headers.authorization).toBeUndefined();
		});
		// Asking for upload URLs is free: the only charge is the generation.
		expect(server.charges.map((charge) => charge.route)).toEqual([
			`POST ${MAGNIFIC_PATHS.nanoBananaPro}`,
		]);
	});

	it('an upload URL that expired fails the item before the paid request, saying why', async () => {
		server.uploadUrlsExpired = true;
		const result = await run('fluxKontextMax');
		expect(result.error?.message).toMatch(
			/^Magnific upload storage returned HTTP 400: .*ExpiredToken/,
		);
		expect((result.error as { description?: string }).description).toContain(
			'nothing was generated or paid for',
		);
		expect(server.requestsTo(`POST ${MAGNIFIC_PATHS.fluxKontextMax}`)).toHaveLength(0);
		expect(server.charges).toHaveLength(0);
	});

	it.each([
		['fewer files than asked for', { files: [] }, '0 complete files for 1'],
		[
			'more files than asked for',
			{
				files: ['a', 'b'].map((n) => ({
					upload_url: `https://storage.example.test/${n}`,
					headers: {},
					asset_url: `https://cdn.example.test/${n}`,
				})),
			},
			'2 complete files for 1',
		],
		[
			'a file without its asset URL',
			{ files: [{ upload_url: 'https://storage.example.test/u', headers: {} }] },
			'0 complete files for 1',
		],
		[
			'a file without its upload URL',
			{ files: [{ asset_url: 'https://cdn.example.test/a', headers: {} }] },
			'0 complete files for 1',
		],
	])(
		'an upload answer with %s fails the item before any PUT or paid request',
		async (_what, body, problem) => {
			server.fail(`POST ${UPLOAD_REQUEST_PATH}`, { kind: 'status', status: 200, body });
			const result = await run('nanoBananaPro');
			expect(result.error?.message).toBe(
				`Freepik returned HTTP 200: the response could not be used: the upload request answered ${problem} asked for`,
			);
			expect(puts()).toHaveLength(0);
			expect(server.charges).toHaveLength(0);
		},
	);

	it('only the string headers of an upload slot are sent with its PUT', async () => {
		server.uploads.set('upl_img_fixed', { contentType: 'image/png' });
		server.fail(`POST ${UPLOAD_REQUEST_PATH}`, {
			kind: 'status',
			status: 200,
			body: {
				files: [
					{
						upload_url: `${server.baseUrl}/storage/upload/upl_img_fixed?X-Goog-Signature=sigupl_img_fixed`,
						headers: {
							'Content-Type': 'image/png',
							'x-goog-content-length-range': '0,1073741824',
							'x-not-a-header': 7,
							'x-nested': { a: 1 },
						},
						asset_url: `${server.baseUrl}/storage/asset/upl_img_fixed?token=tokupl_img_fixed`,
					},
				],
			},
		});
		const result = await run('fluxKontextPro');
		expect(result.error).toBeUndefined();
		const [put] = puts();
		expect(put.status).toBe(200);
		expect(put.headers['x-not-a-header']).toBeUndefined();
		expect(put.headers['x-nested']).toBeUndefined();
		expect(server.modelTasks[0].images[0].sentAs).toBe('upload');
	});

	it.each([
		[403, '<Error><Code>SignatureDoesNotMatch</Code></Error>', /HTTP 403: .*SignatureDoesNotMatch/],
		[403, '', /HTTP 403: the storage answered HTTP 403$/],
		[400, '', /HTTP 400: the storage answered HTTP 400$/],
	])(
		'a storage refusal (%i) fails the item before the paid request, with the hint',
		async (status, body, message) => {
			server.fail('PUT /storage/upload/*', {
				kind: 'status',
				status,
				body,
				headers: { 'content-type': 'application/xml' },
			});
			const result = await run('nanoBananaProFlash');
			expect(result.error?.message).toMatch(/^Magnific upload storage returned /);
			expect(result.error?.message).toMatch(message);
			expect((result.error as { description?: string }).description).toContain(
				'The signed upload URL was refused',
			);
			expect(server.charges).toHaveLength(0);
		},
	);

	it('a storage failure other than a refusal has no upload hint', async () => {
		server.fail('PUT /storage/upload/*', { kind: 'status', status: 404, body: 'NoSuchUpload' });
		const result = await run('fluxKontextMax');
		expect(result.error?.message).toMatch(
			/^Magnific upload storage returned HTTP 404: NoSuchUpload/,
		);
		expect((result.error as { description?: string }).description ?? '').not.toContain(
			'The signed upload URL was refused',
		);
	});

	it('a storage that fails twice is asked again (a free request), then the item runs', async () => {
		server.fail('PUT /storage/upload/*', { kind: 'status', status: 503, body: 'busy' });
		const result = await run('nanoBananaProFlash');
		expect(result.error).toBeUndefined();
		expect(puts().map((put) => put.status)).toEqual([503, 200]);
		expect(server.charges).toHaveLength(1);
	});
});

describe('Magnific models: the item as the user sees it', () => {
	it('without a prompt, or one Nano Banana refuses, fails before any request', async () => {
		// n8n refuses to start with a required parameter empty; an expression can still be empty.
		const empty = await run('fluxKontextMax', { prompt: '={{ "" }}' });
		expect(empty.error?.message).toMatch(/Prompt is empty/);
		expect((empty.error as { description?: string }).description).toContain(
			'Flux Kontext Max needs a prompt',
		);
		const short = await run('nanoBananaPro', { prompt: 'x' });
		expect(short.error?.message).toMatch(
			/Prompt has 1 characters; Nano Banana Pro takes 2 to 3000/,
		);
		const long = await run('nanoBananaProFlash', { prompt: 'y'.repeat(3001) });
		expect(long.error?.message).toMatch(/Prompt has 3001 characters/);
		expect(server.requests).toHaveLength(0);
	});

	it('with Download Images off, each URL says when it expires; nothing is downloaded', async () => {
		const before = Date.now();
		const result = await run('seedream45Edit', { downloadImages: false });
		expect(result.error).toBeUndefined();
		const [out] = result.items;
		expect(out.binary).toBeUndefined();
		expect(out.json.url).toMatch(/\/files\/.+X-Goog-Signature/);
		const expires = Date.parse(String(out.json.urlExpiresAt));
		expect(expires).toBeGreaterThanOrEqual(before + 10 * 60 * 1000);
		expect(expires).toBeLessThanOrEqual(Date.now() + 10 * 60 * 1000);
		expect(out.json.urlNote).toMatch(/expires about 10–15 minutes/);
		expect(generatedDownloads()).toHaveLength(0);
	});

	it('with a Webhook URL, the task is output as accepted, without polling', async () => {
		const result = await run('fluxKontextMax', {
			webhookUrl: 'https://hooks.example.test/magnific',
		});
		expect(result.error).toBeUndefined();
		expect(server.modelTasks[0].fields.webhook_url).toBe('https://hooks.example.test/magnific');
		expect(result.items[0].json).toMatchObject({
			model: 'flux-kontext-max',
			status: 'CREATED',
			webhook_url: 'https://hooks.example.test/magnific',
		});
		expect(
			server.requests.filter((r) => r.method === 'GET' && r.path.includes('/text-to-image/')),
		).toHaveLength(0);
	});

	it('waits while the task is IN_PROGRESS, and no secret leaves the node', async () => {
		server.modelBehaviour = { ...server.modelBehaviour, completeAfterPolls: 3 };
		const result = await run('nanoBananaPro');
		expect(result.error).toBeUndefined();
		const polls = server.requests.filter(
			(r) => r.method === 'GET' && r.path.startsWith(`${MAGNIFIC_PATHS.nanoBananaPro}/`),
		);
		expect(polls).toHaveLength(3);
		expect(result.items[0].json.status).toBe('COMPLETED');
		expectNoSecrets(serialise(result.items, result.error, result.run));
	});

	it('a saved Reimagine Flux workflow (no Model parameter) runs Reimagine Flux as before', async () => {
		const result = await runEntry('freepikReimagineFlux', { server, items: [item(1)] });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo('POST /v1/ai/beta/text-to-image/reimagine-flux')).toHaveLength(1);
		expect(server.modelTasks).toHaveLength(0);
		expect(fixtures.squarePng.length).toBeGreaterThan(0);
	});
});
