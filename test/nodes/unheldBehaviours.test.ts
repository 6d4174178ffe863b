import type { INodeProperties, INodeType } from 'n8n-workflow';

import { fixtures } from '../fixtures/images';
import { loadPackage } from '../harness/engine';
import { runEntry } from '../harness/runEntry';
import { untilRequested } from '../helpers';
import { KONTEXT_PATHS } from '../servers/novitaServer';
import { startVendorServers } from '../vendorServers';

// Behaviours an audit of e6a45b8 found held by no test (a planted bug in each survived the
// suite): downloads stop when the execution is cancelled, 425 is retried, whole-number options
// are cut to what is in effect, every number field of a Novita model is as its page documents it
// (written out here, never read back from the declarations), and the hint on a vendor's 400 about
// the image does not depend on the case of the vendor's words. Each was seen failing with its
// bug planted (the note on issue #41 lists the plants).

const { novita, openai } = startVendorServers();

/** The server notices the closed connection a moment after the client has moved on. */
async function untilAbandoned(server: { abandoned: string[] }): Promise<void> {
	while (server.abandoned.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
}

const errorOf = (result: { error?: unknown }) =>
	result.error as (Error & { description?: string }) | undefined;

describe('a cancelled execution stops a download at once', () => {
	// Timeout 10 min: without the cancel reaching the download, the test would time out.
	jest.setTimeout(20_000);

	it('an input image URL that hangs: the connection is closed, the run ends canceled', async () => {
		novita.assets.set('slow.png', { body: fixtures.squarePng, contentType: 'image/png' });
		novita.fail('GET /assets/slow.png', { kind: 'hang' });
		let cancel: () => void = () => {};
		const running = runEntry('novitaReimagine', {
			server: novita,
			parameters: {
				inputSource: 'url',
				imageUrl: `${novita.baseUrl}/assets/slow.png`,
				options: { timeoutMs: 600_000 },
			},
			onStart: (c) => (cancel = c),
		});
		await untilRequested(novita, 'GET /assets/slow.png');
		cancel();
		const result = await running;
		expect(result.status).toBe('canceled');
		await untilAbandoned(novita);
		expect(novita.abandoned).toEqual(['GET /assets/slow.png']);
		expect(novita.requestsTo('POST /v3/reimagine')).toHaveLength(0);
	});

	it('a generated image that hangs: the connection is closed, the run ends canceled', async () => {
		openai.fail('GET /files/*', { kind: 'hang' });
		let cancel: () => void = () => {};
		const running = runEntry('openAiVariations', {
			server: openai,
			parameters: { responseFormat: 'url', options: { timeoutMs: 600_000 } },
			onStart: (c) => (cancel = c),
		});
		await untilRequested(openai, '/files/');
		cancel();
		const result = await running;
		expect(result.status).toBe('canceled');
		await untilAbandoned(openai);
		expect(openai.abandoned).toHaveLength(1);
		expect(openai.abandoned[0]).toMatch(/^GET \/files\//);
	});
});

describe('retried statuses', () => {
	it('HTTP 425 (Too Early) is retried, as the Max Retries description promises', async () => {
		novita.fail('POST /v3/reimagine', { kind: 'status', status: 425, body: 'Too Early' });
		const result = await runEntry('novitaReimagine', { server: novita });
		expect(result.error).toBeUndefined();
		expect(novita.requestsTo('POST /v3/reimagine')).toHaveLength(2);
		expect(result.items[0].json.attempts).toBe(2);
	});
});

describe('whole-number options given as fractions by an expression are cut', () => {
	it('Max Retries 2.9 against an always-503 route makes 3 attempts, not 4', async () => {
		novita.fail(
			'POST /v3/reimagine',
			...Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 503, body: 'busy' })),
		);
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { resendPaidRequests: true, maxRetries: 2.9 } },
		});
		expect(errorOf(result)?.description).toMatch(/Gave up after 3 attempts\.$/);
		expect(novita.requestsTo('POST /v3/reimagine')).toHaveLength(3);
	});

	it('Concurrency 2.7 keeps 2 requests in flight', async () => {
		novita.holdUntilArrivals = 3;
		novita.latencyMs = 100;
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { concurrency: 2.7 } },
			items: Array.from({ length: 4 }, () => ({
				binary: { data: { data: fixtures.squarePng, fileName: 'in.png', mimeType: 'image/png' } },
			})),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		// A third request never arrives while two are held: the server releases them after its hold.
		expect(novita.peakInFlight).toBe(2);
	});

	it("Kontext Dev's Number of Images 2.6 from an expression is sent as 2", async () => {
		const result = await runEntry('novitaReimagineQwen', {
			server: novita,
			parameters: { engine: 'fluxKontextDev', modelOptions: { kontextImages: 2.6 } },
		});
		expect(result.error).toBeUndefined();
		const [submit] = novita.requestsTo(`POST ${KONTEXT_PATHS.dev}`);
		expect((submit.json as { num_images: unknown }).num_images).toBe(2);
	});
});

describe('every number field of a Novita model, as its reference page documents it', () => {
	// Written out from the pages (jaxzhang-svg/novita-skills, model-apis-*): a wrong range, default
	// or whole-number flag in a declaration fails here whichever row it is.
	const DOCUMENTED: Record<string, { min: number; max: number; default: number; whole: boolean }> =
		{
			// FLUX.1 Kontext Pro and Max: guidance_scale 1–20, default 3.5.
			kontextGuidanceScale: { min: 1, max: 20, default: 3.5, whole: false },
			// FLUX.1 Kontext Dev: guidance_scale 1–20 (default 2.5), num_inference_steps 1–50 (28),
			// num_images 1–4 (1).
			kontextGuidanceScaleDev: { min: 1, max: 20, default: 2.5, whole: false },
			kontextSteps: { min: 1, max: 50, default: 28, whole: true },
			kontextImages: { min: 1, max: 4, default: 1, whole: true },
			// Seedream 4.5: input images + generated images ≤ 15; these nodes send one input image, so
			// an image set holds at most 14, and that is the default (Novita's own, 15, would overflow).
			seedreamMaxImages: { min: 1, max: 14, default: 14, whole: true },
		};

	it('Model Options offers exactly these number fields, with these ranges, defaults and precision', async () => {
		const { nodeTypes } = await loadPackage();
		for (const node of ['novitaReimagine', 'novitaReplaceBackground']) {
			const type = nodeTypes.getByName(`n8n-nodes-ai-image.${node}`) as INodeType;
			const collection = type.description.properties.find(
				(p) => p.name === 'modelOptions',
			) as INodeProperties;
			const numbers = (collection.options as INodeProperties[]).filter((o) => o.type === 'number');
			expect(Object.fromEntries(numbers.map((o) => [o.name, o]))).toEqual(
				Object.fromEntries(
					Object.entries(DOCUMENTED).map(([name, doc]) => [
						name,
						expect.objectContaining({
							default: doc.default,
							typeOptions: {
								minValue: doc.min,
								maxValue: doc.max,
								...(doc.whole ? { numberPrecision: 0 } : {}),
							},
						}),
					]),
				),
			);
		}
	});

	it('Seedream 4.5 refuses Max Images in Set 15 before any request: with the input image, 16 > 15', async () => {
		const result = await runEntry('novitaReimagineQwen', {
			server: novita,
			parameters: {
				engine: 'seedream45',
				modelOptions: { seedreamImageSet: true, seedreamMaxImages: 15 },
			},
		});
		expect(errorOf(result)?.message).toMatch(/Max Images in Set.*1 to 14/);
		expect(novita.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});
});

describe('the hint on a vendor 400 about the image', () => {
	it.each(['image is invalid', 'IMAGE IS INVALID', 'Invalid Image'])(
		'does not depend on the case of the vendor message ("%s")',
		async (message) => {
			novita.fail(`POST ${KONTEXT_PATHS.pro}`, {
				kind: 'status',
				status: 400,
				body: { code: 400, reason: 'INVALID_REQUEST_BODY', message },
			});
			const result = await runEntry('novitaReimagineQwen', {
				server: novita,
				parameters: { engine: 'fluxKontextPro' },
			});
			expect(errorOf(result)?.description).toMatch(/^The image was sent as bare base64;/);
		},
	);
});
