import type { EntryRun } from '../../harness/runEntry';
import { runEntry } from '../../harness/runEntry';
import { fixtures } from '../../fixtures/images';
import { expectNoSecrets, SECRET_KEYS } from '../../helpers';
import { startVendorServers } from '../../vendorServers';
import type { NodeEntry } from '../../vendors';
import { NODES } from '../../vendors';
import { TOOL_ANSWER_FIELDS, toolAnswerItem } from '../../../nodes/shared/run/runner';

// Each node as an AI agent's tool, through n8n-core's own tool wrapper (createNodeAsTool and the
// tool invocation of get-input-connection-data): n8n gives the agent only the items' JSON, so that
// JSON alone has to say where each image is, until when, what it is and what made it.

const { servers } = startVendorServers();

type Answer = Array<Record<string, unknown>>;

/** The node as a tool whose Image URL the agent fills in ($fromAI), called with the sample image. */
async function callAsTool(
	node: NodeEntry,
	parameters: Record<string, unknown> = {},
	extra: EntryRun = {},
) {
	const server = servers[node.vendor];
	server.assets.set('in.png', { body: fixtures.squarePng, contentType: 'image/png' });
	const result = await runEntry(node, {
		server,
		parameters: {
			inputSource: 'url',
			imageUrl: "={{ $fromAI('imageUrl', 'URL of the image to work on', 'string') }}",
			...parameters,
		},
		asToolWith: { imageUrl: `${server.baseUrl}/assets/in.png` },
		...extra,
	});
	return { result, answer: result.toolAnswer as Answer };
}

const IMAGE_FACTS = ['fileName', 'mimeType', 'fileSize', 'width', 'height', 'model'];

/**
 * Per node: what the agent learns beyond the image's facts, the model it names, and the image's
 * type when it is not PNG (FLUX.1 Kontext Pro and Seedream 4.5 take no output format: JPEG here).
 */
const EXPECTED: Record<string, { fields: string[]; model: string; jpeg?: true }> = {
	novitaReimagineQwen: {
		fields: ['url', 'urlExpiresAt', 'task_id', 'status', 'seed'],
		model: 'qwen-image-edit',
	},
	novitaReplaceBackgroundQwen: {
		fields: ['url', 'urlExpiresAt', 'task_id', 'status', 'seed'],
		model: 'qwen-image-edit',
	},
	novitaReimagineKontext: {
		fields: ['url', 'urlExpiresAt', 'task_id', 'status', 'seed'],
		model: 'flux-1-kontext-pro',
		jpeg: true,
	},
	novitaReplaceBackgroundSeedream: { fields: ['url'], model: 'seedream-4.5', jpeg: true },
	novitaReimagine: { fields: [], model: 'reimagine' },
	novitaReplaceBackground: { fields: [], model: 'replace-background' },
	freepikReimagineFlux: { fields: ['url', 'task_id', 'status'], model: 'reimagine-flux' },
	freepikKontextMax: { fields: ['url', 'task_id', 'status'], model: 'flux-kontext-max' },
	freepikSeedreamEdit: { fields: ['url', 'task_id', 'status'], model: 'seedream-v4-5-edit' },
	freepikNanoBananaPro: { fields: ['url', 'task_id', 'status'], model: 'nano-banana-pro' },
	openAiEdits: { fields: [], model: 'gpt-image-1.5' },
	openAiEditsCustomSize: { fields: [], model: 'gpt-image-2' },
	// What the image was made from, when it was more than one image, or with a mask.
	openAiEditsSeveralImages: { fields: ['inputImages'], model: 'gpt-image-1.5' },
	openAiEditsMask: { fields: ['inputImages', 'mask'], model: 'gpt-image-1.5' },
	openAiVariations: { fields: [], model: 'dall-e-2' },
};

describe.each(NODES)('$id as an AI agent’s tool', (node) => {
	it('answers one JSON object per image with the image’s facts, and nothing the agent cannot use', async () => {
		const { result, answer } = await callAsTool(node);
		expect(result.status).toBe('success');
		const expected = EXPECTED[node.id];
		expect(answer).toHaveLength(1);
		expect(Object.keys(answer[0]).sort()).toEqual([...IMAGE_FACTS, ...expected.fields].sort());
		expect(answer[0]).toMatchObject({
			mimeType: expected.jpeg ? 'image/jpeg' : 'image/png',
			fileName: expect.stringMatching(expected.jpeg ? /^in-[\w-]+\.jpg$/ : /^in-[\w-]+\.png$/),
			fileSize: expect.any(Number),
			width: expect.any(Number),
			height: expect.any(Number),
			model: expected.model,
		});
		if (answer[0].urlExpiresAt !== undefined)
			expect(Date.parse(answer[0].urlExpiresAt as string)).toBeGreaterThan(Date.now());
		expectNoSecrets(JSON.stringify(answer), Object.values(SECRET_KEYS));
	});
});

describe('as a tool, what differs by answer', () => {
	const node = (id: string) => NODES.find((entry) => entry.id === id)!;

	it('OpenAI Variations answering URLs: each URL and when it expires (60 minutes after created)', async () => {
		const variations = node('openAiVariations');
		const image = `${servers.openai.baseUrl}/assets/in.png`;
		servers.openai.fail(variations.route, {
			kind: 'status',
			status: 200,
			body: { created: 1_700_000_000, data: [{ url: image }, { url: image }] },
		});
		const { answer } = await callAsTool(variations, { responseFormat: 'url', n: 2 });
		expect(answer.map((entry) => [entry.url, entry.urlExpiresAt])).toEqual([
			[image, '2023-11-14T23:13:20.000Z'],
			[image, '2023-11-14T23:13:20.000Z'],
		]);
	});

	it('OpenAI Edits given a list of image URLs by the agent: one image each, and the answer lists them', async () => {
		const edits = node('openAiEdits');
		servers.openai.assets.set('b.png', { body: fixtures.widePng, contentType: 'image/png' });
		const urls = ['in.png', 'b.png'].map((file) => `${servers.openai.baseUrl}/assets/${file}`);
		const { answer } = await callAsTool(
			edits,
			{
				imageUrl:
					"={{ $fromAI('imageUrls', 'URLs of the images to work on, the first one edited', 'json') }}",
			},
			{ asToolWith: { imageUrls: urls } },
		);
		expect(answer).toHaveLength(1);
		expect(answer[0].inputImages).toEqual(urls.map((url) => ({ url })));
		expect(servers.openai.edits.at(-1)?.images.map((image) => image.name)).toEqual(urls);
	});

	it('Freepik with Download Images off: the URLs alone, until when they can be fetched, with the task', async () => {
		const { answer } = await callAsTool(node('freepikReimagineFlux'), { downloadImages: false });
		expect(answer).toEqual([
			{
				url: expect.stringMatching(/\/files\//),
				urlExpiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				model: 'reimagine-flux',
				task_id: expect.any(String),
				status: 'COMPLETED',
			},
		]);
	});

	it('an item that failed under Continue On Fail: the message and the hint', async () => {
		const freepik = node('freepikReimagineFlux');
		servers.freepik.fail(freepik.route, {
			kind: 'status',
			status: 401,
			body: { message: 'Invalid API key' },
		});
		const { answer } = await callAsTool(freepik, {}, { continueOnFail: true });
		expect(answer).toEqual([
			{
				error: expect.stringMatching(/HTTP 401: Invalid API key/),
				description: expect.stringMatching(/API key/),
			},
		]);
	});

	it('Freepik with a Webhook URL: the pending task and where its result will be delivered', async () => {
		servers.freepik.behaviour = { ...servers.freepik.behaviour, initialStatus: 'IN_PROGRESS' };
		const { answer } = await callAsTool(node('freepikReimagineFlux'), {
			webhookUrl: 'https://example.test/webhook/reimagined',
		});
		expect(answer).toEqual([
			{
				model: 'reimagine-flux',
				task_id: expect.any(String),
				status: 'IN_PROGRESS',
				webhook_url: 'https://example.test/webhook/reimagined',
			},
		]);
	});

	it('the prompt a gateway says it used (revised_prompt) reaches the agent', async () => {
		const variations = node('openAiVariations');
		servers.openai.fail(variations.route, {
			kind: 'status',
			status: 200,
			body: {
				created: 1_700_000_000,
				data: [{ b64_json: fixtures.squarePng.toString('base64'), revised_prompt: 'a red square' }],
			},
		});
		const { answer } = await callAsTool(variations);
		expect(answer[0]).toMatchObject({ revised_prompt: 'a red square', model: 'dall-e-2' });
		expect(
			Object.keys(answer[0]).every((key) =>
				(TOOL_ANSWER_FIELDS as readonly string[]).includes(key),
			),
		).toBe(true);
	});
});

describe('an item as a tool answers it', () => {
	it('keeps only the agent’s fields that the item has, in their order, and its pairing; no binary', () => {
		const item = {
			json: { downloadAttempts: 1, width: 2, fileName: 'a.png', usage: { total_tokens: 3 } },
			binary: { data: { data: '', mimeType: 'image/png' } },
			pairedItem: { item: 4 },
		};
		const answer = toolAnswerItem(item);
		expect(answer).toStrictEqual({
			json: { fileName: 'a.png', width: 2 },
			pairedItem: { item: 4 },
		});
		expect(Object.keys(answer.json)).toEqual(['fileName', 'width']);
	});
});
