import { fixtures } from '../fixtures/images';
import { NOVITA_MODELS } from '../../nodes/Novita/models';
import { runEntry } from '../harness/runEntry';
import { SECRET_KEYS, startServer } from '../helpers';
import {
	KONTEXT_PATHS,
	NovitaServer,
	SEEDREAM_PATH,
	TASK_RESULT_PATH,
} from '../servers/novitaServer';

// Both Novita nodes on the models beside Qwen Image Edit, each declared once in
// nodes/Novita/models/: FLUX.1 Kontext Dev, Pro and Max (asynchronous, `images` as a list) and
// Seedream 4.5 (synchronous, answering image URLs). What each sends, what it outputs, and the
// checks made before any request.

const server = startServer(new NovitaServer());
const pollRoute = `GET ${TASK_RESULT_PATH}`;
beforeAll(() => {
	server.apiKey = SECRET_KEYS.novita;
});

const REIMAGINE_PROMPT =
	'Create a variation of this image: keep its subject, composition and style, and vary the details.';
const BASE64 = fixtures.squarePng.toString('base64');

const description = (result: { error?: unknown }) =>
	(result.error as { description?: string } | undefined)?.description ?? '';

const reimagine = async (engine: string, parameters: Record<string, unknown> = {}) =>
	await runEntry('novitaReimagineQwen', { server, parameters: { engine, ...parameters } });

describe('Novita nodes on FLUX.1 Kontext', () => {
	it.each([
		['fluxKontextPro', 'flux-1-kontext-pro', 'pro'],
		['fluxKontextMax', 'flux-1-kontext-max', 'max'],
		['fluxKontextDev', 'flux-1-kontext-dev', 'dev'],
	] as const)(
		'%s: the prompt and the image as a list of one, polled, downloaded without the key',
		async (engine, model, path) => {
			const result = await reimagine(engine);
			expect(result.error).toBeUndefined();
			const [submit] = server.requestsTo(`POST ${KONTEXT_PATHS[path]}`);
			expect(submit.headers.authorization).toBe(`Bearer ${SECRET_KEYS.novita}`);
			// Only Dev documents output_format; nothing unset is sent.
			expect(submit.json).toEqual({
				images: [BASE64],
				prompt: REIMAGINE_PROMPT,
				...(path === 'dev' ? { output_format: 'png' } : {}),
			});
			const [task] = server.tasks.values();
			expect(server.requestsTo(pollRoute)).toHaveLength(2);
			const [download] = server.requestsTo('/files/');
			expect(download.headers.authorization).toBeUndefined();
			const format = path === 'dev' ? 'png' : 'jpeg';
			expect(result.items).toHaveLength(1);
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
			expect(result.items[0].json).toMatchObject({
				model,
				task_id: task.id,
				status: 'TASK_STATUS_SUCCEED',
				index: 0,
				fileName: `in-reimagined.${format === 'jpeg' ? 'jpg' : 'png'}`,
				mimeType: `image/${format}`,
			});
			expect('requestedImageType' in result.items[0].json).toBe(path === 'dev');
		},
	);

	it('Pro: seed, guidance scale and aspect ratio as its page names them', async () => {
		const result = await reimagine('fluxKontextPro', {
			seed: 7,
			modelOptions: { kontextGuidanceScale: 5.5, kontextAspectRatio: '16:9' },
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(`POST ${KONTEXT_PATHS.pro}`)[0].json).toEqual({
			images: [BASE64],
			prompt: REIMAGINE_PROMPT,
			seed: 7,
			guidance_scale: 5.5,
			aspect_ratio: '16:9',
		});
	});

	it('Max: safety tolerance as the string its page lists', async () => {
		const result = await reimagine('fluxKontextMax', {
			modelOptions: { kontextSafetyTolerance: '5' },
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(`POST ${KONTEXT_PATHS.max}`)[0].json).toMatchObject({
			safety_tolerance: '5',
		});
	});

	it('Dev: every documented field; Number of Images 3 gives three items, all paired to the input', async () => {
		const result = await reimagine('fluxKontextDev', {
			responseImageType: 'webp',
			modelOptions: {
				kontextGuidanceScaleDev: 2,
				kontextFastMode: true,
				kontextSize: '1536*864',
				kontextSteps: 12,
				kontextImages: 3,
			},
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(`POST ${KONTEXT_PATHS.dev}`)[0].json).toEqual({
			images: [BASE64],
			prompt: REIMAGINE_PROMPT,
			output_format: 'webp',
			guidance_scale: 2,
			fast_mode: true,
			size: '1536*864',
			num_inference_steps: 12,
			num_images: 3,
		});
		expect(
			result.items.map((item) => [item.json.index, item.json.fileName, item.pairedItem]),
		).toEqual([
			[0, 'in-reimagined-1.webp', { item: 0 }],
			[1, 'in-reimagined-2.webp', { item: 0 }],
			[2, 'in-reimagined-3.webp', { item: 0 }],
		]);
	});

	it('options added for another model (kept when the engine was switched) are not sent', async () => {
		const result = await reimagine('fluxKontextPro', {
			modelOptions: { seedreamWatermark: false, kontextSteps: 12, kontextAspectRatio: '1:1' },
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(`POST ${KONTEXT_PATHS.pro}`)[0].json).toEqual({
			images: [BASE64],
			prompt: REIMAGINE_PROMPT,
			aspect_ratio: '1:1',
		});
	});

	it('a URL input goes in the list as the URL itself', async () => {
		server.assets.set('cat.jpg', { body: fixtures.photoJpeg, contentType: 'image/jpeg' });
		const url = `${server.baseUrl}/assets/cat.jpg`;
		const result = await reimagine('fluxKontextPro', { inputSource: 'url', imageUrl: url });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(`POST ${KONTEXT_PATHS.pro}`)[0].json).toMatchObject({ images: [url] });
		expect([...server.tasks.values()][0].imageSentAs).toBe('url');
	});

	it('a base64 input (a data: URL here) goes in the list as bare base64', async () => {
		const dataUrl = `data:image/webp;base64,${fixtures.lossyWebp.toString('base64')}`;
		const result = await reimagine('fluxKontextMax', {
			inputSource: 'base64',
			imageBase64: dataUrl,
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(`POST ${KONTEXT_PATHS.max}`)[0].json).toMatchObject({
			images: [fixtures.lossyWebp.toString('base64')],
		});
	});

	it('Replace Background on Kontext: the Prompt in the template', async () => {
		const result = await runEntry('novitaReplaceBackgroundQwen', {
			server,
			parameters: { engine: 'fluxKontextPro', prompt: 'a beach at dawn' },
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(`POST ${KONTEXT_PATHS.pro}`)[0].json).toMatchObject({
			prompt: 'Replace the background with: a beach at dawn. Keep the subject unchanged.',
		});
		expect(result.items[0].json.fileName).toBe('in-new-background.jpg');
	});

	it('a host that refuses the base64 form: the 400 says which form went, and to try the URL', async () => {
		server.models = { ...server.models, accepts: 'url' };
		const result = await reimagine('fluxKontextPro');
		expect(result.error?.message).toBe(
			'Novita AI returned HTTP 400: image must be a url [INVALID_IMAGE_FORMAT]',
		);
		expect(description(result)).toMatch(
			/^The image was sent as bare base64; Novita’s reference does not say whether FLUX\.1 Kontext Pro takes base64\. Try Input Image Source "URL"/,
		);
	});

	it('a Guidance Scale outside 1–20 (from an expression) fails before any request', async () => {
		const result = await reimagine('fluxKontextPro', {
			modelOptions: { kontextGuidanceScale: '={{ 25 }}' },
		});
		expect(result.error?.message).toBe(
			'Option "Guidance Scale" must be a number from 1 to 20, but is 25',
		);
		expect(server.requests).toHaveLength(0);
	});

	it('a task that fails: its reason, with the task ID', async () => {
		server.models = { ...server.models, failReason: 'NSFW content detected' };
		const result = await reimagine('fluxKontextDev');
		const [task] = server.tasks.values();
		expect(result.error?.message).toBe(`Novita task ${task.id} failed: NSFW content detected`);
	});
});

describe('Novita nodes on Seedream 4.5', () => {
	const route = `POST ${SEEDREAM_PATH}`;

	it('the prompt and the image as a list; the answer’s URLs downloaded at once without the key, no polling', async () => {
		const result = await reimagine('seedream45');
		expect(result.error).toBeUndefined();
		const [request] = server.requestsTo(route);
		expect(request.headers.authorization).toBe(`Bearer ${SECRET_KEYS.novita}`);
		expect(request.json).toEqual({ image: [BASE64], prompt: REIMAGINE_PROMPT });
		expect(server.requestsTo(pollRoute)).toHaveLength(0);
		const [download] = server.requestsTo('/files/');
		expect(download.headers.authorization).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({
			model: 'seedream-4.5',
			index: 0,
			url: expect.stringMatching(/\/files\/[\w-]+_0\.jpeg\?X-Amz-Expires=3600/),
			downloadAttempts: 1,
			fileName: 'in-reimagined.jpg',
			mimeType: 'image/jpeg',
			fileSize: expect.any(Number),
			width: expect.any(Number),
			height: expect.any(Number),
		});
		expect(result.items[0].binary?.data).toMatchObject({
			mimeType: 'image/jpeg',
			fileExtension: 'jpg',
		});
	});

	it('size, watermark off and an image set of at most 2: sent as its page names them, one item per image', async () => {
		const result = await reimagine('seedream45', {
			modelOptions: {
				seedreamSize: '2560x1440',
				seedreamWatermark: false,
				seedreamImageSet: true,
				seedreamMaxImages: 2,
			},
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(route)[0].json).toEqual({
			image: [BASE64],
			prompt: REIMAGINE_PROMPT,
			size: '2560x1440',
			watermark: false,
			sequential_image_generation: 'auto',
			sequential_image_generation_options: { max_images: 2 },
		});
		expect(result.items.map((item) => [item.json.index, item.pairedItem])).toEqual([
			[0, { item: 0 }],
			[1, { item: 0 }],
		]);
	});

	it('Image Set off is sent as "disabled"', async () => {
		const result = await reimagine('seedream45', { modelOptions: { seedreamImageSet: false } });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(route)[0].json).toMatchObject({
			sequential_image_generation: 'disabled',
		});
	});

	it('Max Images in Set without Image Set fails before any request, saying what to add', async () => {
		const result = await reimagine('seedream45', { modelOptions: { seedreamMaxImages: 3 } });
		expect(result.error?.message).toBe('Item 0: Max Images in Set is set, but Image Set is not on');
		expect(description(result)).toBe(
			'Add the Image Set option and turn it on, or remove Max Images in Set: Novita uses it only for image sets.',
		);
		expect(server.requests).toHaveLength(0);
	});

	it('no seed is sent, whatever Seed holds: the page has none', async () => {
		const result = await reimagine('seedream45', { seed: 42 });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(route)[0].json).not.toHaveProperty('seed');
	});

	it('a URL input goes in the list as the URL itself', async () => {
		server.assets.set('cat.jpg', { body: fixtures.photoJpeg, contentType: 'image/jpeg' });
		const url = `${server.baseUrl}/assets/cat.jpg`;
		const result = await reimagine('seedream45', { inputSource: 'url', imageUrl: url });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(route)[0].json).toMatchObject({ image: [url] });
		expect(result.items[0].json.fileName).toBe('cat-reimagined.jpg');
	});

	it('Replace Background on Seedream: the Prompt in the template, the output named for it', async () => {
		const result = await runEntry('novitaReplaceBackgroundQwen', {
			server,
			parameters: { engine: 'seedream45', prompt: 'snow' },
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(route)[0].json).toMatchObject({
			prompt: 'Replace the background with: snow. Keep the subject unchanged.',
		});
		expect(result.items[0].json.fileName).toBe('in-new-background.jpg');
	});

	it('a host that cannot fetch the URL: the 400 says the URL went, and to try base64', async () => {
		server.models = { ...server.models, accepts: 'base64' };
		const result = await reimagine('seedream45', {
			inputSource: 'url',
			imageUrl: `${server.baseUrl}/assets/missing.png`,
		});
		expect(result.error?.message).toBe(
			'Novita AI returned HTTP 400: image must be base64 encoded [INVALID_IMAGE_FORMAT]',
		);
		expect(description(result)).toMatch(
			/^The image was sent as its URL, which Novita’s reference says Seedream 4\.5 takes; the host may not reach it\. Try Input Image Source "Binary File" or "Base64"/,
		);
	});

	it.each([
		[{ images: [] }, 'it has no images URLs'],
		[{ images: ['https://cdn.example/a.jpeg', 42] }, 'it has no images URLs'],
		[{ data: [] }, 'it has no images URLs'],
		['plain text', 'the body is not JSON'],
	])('an answer of %j: "%s", nothing downloaded', async (body, problem) => {
		server.fail(route, { kind: 'status', status: 200, body });
		const result = await reimagine('seedream45');
		expect(result.error?.message).toBe(
			`Novita AI returned HTTP 200: the response could not be used: ${problem}`,
		);
		expect(server.requestsTo('/files/')).toHaveLength(0);
	});

	it('an expired result URL fails, giving the URL', async () => {
		server.models = { ...server.models, expiredResults: true };
		const result = await reimagine('seedream45');
		expect(result.error?.message).toMatch(/403/);
		expect(`${result.error?.message} ${description(result)}`).toContain('/files/');
	});

	it('a GIF input is sent, as the page lists gif among its formats', async () => {
		const result = await runEntry('novitaReimagineQwen', {
			server,
			parameters: { engine: 'seedream45' },
			items: [
				{ binary: { data: { data: fixtures.gif, fileName: 'in.gif', mimeType: 'image/gif' } } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(route)[0].json).toMatchObject({
			image: [fixtures.gif.toString('base64')],
		});
		expect(result.items[0].json).toMatchObject({
			fileName: 'in-reimagined.jpg',
			mimeType: 'image/jpeg',
		});
	});
});

describe('every Novita model on both nodes, from each input form', () => {
	const ENGINES = NOVITA_MODELS.map((model) => model.engine);
	const NODES_ON_MODELS = ['novitaReimagineQwen', 'novitaReplaceBackgroundQwen'];
	const INPUTS: Record<string, () => Record<string, unknown>> = {
		binary: () => ({}),
		url: () => {
			server.assets.set('cat.jpg', { body: fixtures.photoJpeg, contentType: 'image/jpeg' });
			return { inputSource: 'url', imageUrl: `${server.baseUrl}/assets/cat.jpg` };
		},
		base64: () => ({ inputSource: 'base64', imageBase64: fixtures.squarePng.toString('base64') }),
	};
	const cases = ENGINES.flatMap((engine) =>
		NODES_ON_MODELS.flatMap((node) => Object.keys(INPUTS).map((input) => [engine, node, input])),
	);

	it.each(cases)(
		'%s on %s from %s input: one image, paired to its input',
		async (engine, node, input) => {
			const result = await runEntry(node, { server, parameters: { engine, ...INPUTS[input]() } });
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
			expect(result.items[0].binary?.data.mimeType).toMatch(/^image\//);
			const model = NOVITA_MODELS.find((one) => one.engine === engine)!;
			expect(result.items[0].json.model).toBe(model.model);
			expect(server.requestsTo(`POST ${model.path}`)).toHaveLength(1);
		},
	);
});
