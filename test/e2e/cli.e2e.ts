// The package in a real n8n, driven by its CLI: installed as n8n installs a community package (the
// packed tarball, dev/peer/optional dependencies stripped, so the nodes use n8n's own n8n-workflow),
// n8n's credential encryption and injection, and the example workflows as a user imports them, plus
// the paths they do not take: a retry, a Retry-After wait, a polled task, a cancellation in a wait.
// N8N_RUNTIME picks the n8n of the matrix (`npm run test:compat`); the pinned one by default.
// N8N_PACKAGE picks the package (test/e2e/packageUnderTest.ts): a vendor package runs the tests of
// its own nodes, the others are skipped. The vendors are the contract servers (scripts/sandbox.ts)
// on free ports.
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	executeWorkflow,
	importIntoN8n,
	n8nEnv,
	prepareUserFolder,
	runCli,
	selectedRuntime,
} from '../../scripts/realN8n';
import type { ExampleWorkflow, Sandbox, SandboxCredential } from '../../scripts/sandbox';
import { SANDBOX_KEYS, sandboxExamples, startSandbox } from '../../scripts/sandbox';
import { fixtures } from '../fixtures/images';
import { NOVITA_MODELS } from '../../nodes/Novita/models';
import {
	asInstalled,
	covers,
	coversWorkflow,
	credentialType,
	installed,
	installedCredentials,
	itFor,
} from './packageUnderTest';

interface NodeRun {
	executionStatus?: string;
	error?: { message: string; description?: string };
	data?: {
		main: Array<
			Array<{
				json: Record<string, unknown>;
				binary?: Record<
					string,
					{
						mimeType: string;
						fileExtension?: string;
						id?: string;
						bytes?: number;
						fileSize?: string;
					}
				>;
				pairedItem?: unknown;
			}>
		>;
	};
}

interface RunOutput {
	status?: string;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: { message: string; description?: string; name?: string };
		};
	};
}

const BAD_KEY = 'e2e-wrong-key-3b9d';
const userFolder = mkdtempSync(join(tmpdir(), 'n8n-ai-image-e2e-'));
let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let examples: ExampleWorkflow[];

async function execute(workflowId: string, extraEnv: NodeJS.ProcessEnv = {}) {
	return await executeWorkflow<RunOutput>(workflowId, { ...env, ...extraEnv });
}

function ourNode(workflow: ExampleWorkflow) {
	return workflow.nodes.find((node) => node.type.startsWith(`${installed.name}.`))!;
}

/** The one item a node of a side-by-side workflow output, after checking that the node ran. */
function onlyItemOf(run: RunOutput, nodeName: string) {
	const nodeRun = run.data.resultData.runData[nodeName]?.[0];
	expect({ node: nodeName, status: nodeRun?.executionStatus }).toEqual({
		node: nodeName,
		status: 'success',
	});
	const [item, ...rest] = nodeRun!.data!.main[0];
	expect(rest).toHaveLength(0);
	expect(item.pairedItem).toEqual({ item: 0 });
	return item;
}

/** A copy of an example under a new id, changed by `edit`. */
function variant(
	exampleId: string,
	id: string,
	edit: (workflow: ExampleWorkflow) => void,
): ExampleWorkflow {
	const workflow: ExampleWorkflow = JSON.parse(
		JSON.stringify(examples.find((w) => w.id === exampleId)),
	);
	workflow.id = id;
	workflow.name = `E2E: ${id}`;
	edit(workflow);
	return workflow;
}

/** Our node's output items, after checking that it ran. */
function outputOf(run: RunOutput, exampleId: string) {
	const nodeRun =
		run.data.resultData.runData[ourNode(examples.find((w) => w.id === exampleId)!).name]?.[0];
	expect(nodeRun?.executionStatus).toBe('success');
	return nodeRun!.data!.main[0];
}

const runtime = selectedRuntime();

beforeAll(async () => {
	sandbox = await startSandbox();
	prepareUserFolder(userFolder);
	env = n8nEnv(userFolder);

	examples = sandboxExamples(sandbox.sampleImageUrl, sandbox.sampleMaskUrl)
		.filter((workflow) => coversWorkflow(workflow.id))
		.map(asInstalled);
	const badKeyWorkflow = () =>
		variant('example-novita-reimagine-classic', 'e2e-novita-bad-key', (w) => {
			ourNode(w).credentials = {
				[credentialType('novitaApi')]: { id: 'novitaApi-badkey', name: 'Novita wrong key' },
			};
		});
	// Polls every 0.2 s, so a task that needs three polls takes about a second.
	const quickPolls = () =>
		variant('example-freepik-reimagine-flux', 'e2e-freepik-quick-polls', (w) => {
			ourNode(w).parameters.options = { maxWaitSeconds: 60, pollIntervalSeconds: 0.2 };
		});
	// n8n cancels the execution after 3 s (the workflow's Timeout setting): the same abort signal as
	// the editor's Stop button, reaching the node while it waits out a Retry-After.
	const timesOut = () =>
		variant('example-novita-reimagine-classic', 'e2e-novita-cancelled-in-wait', (w) => {
			(w as { settings?: Record<string, unknown> }).settings = {
				executionOrder: 'v1',
				executionTimeout: 3,
			};
		});
	// A gpt-image-2.6 snapshot with the fields only 2.5 and 2.6 take (the sandbox answers with URLs
	// in the test that runs it, as a gateway may).
	const newestModel = () =>
		variant('example-openai-image-variation', 'e2e-openai-newest-model', (w) => {
			ourNode(w).parameters = {
				...ourNode(w).parameters,
				imageModel: 'gpt-image-2.6-2026-11-01',
				imageOptions: { quality: 'xhigh', complexity: 'high' },
				n: 1,
			};
		});
	// gpt-image-2's custom size in the JSON form, which lists the fixed sizes only: refused before
	// any upload.
	const customSizeAsJson = () =>
		variant('example-openai-image-variation-custom-size', 'e2e-openai-custom-size-json', (w) => {
			ourNode(w).parameters.options = { uploadAs: 'json' };
		});
	// A 503 on the classic endpoint is resent only with Resend Paid Requests on.
	const resendsPaid = () =>
		variant('example-novita-reimagine-classic', 'e2e-novita-resend-paid', (w) => {
			ourNode(w).parameters.options = { resendPaidRequests: true };
		});
	const credentials: SandboxCredential[] = installedCredentials([
		...sandbox.credentials(),
		{
			id: 'novitaApi-badkey',
			name: 'Novita wrong key',
			type: 'novitaApi',
			data: { apiKey: BAD_KEY, baseUrl: sandbox.novita.baseUrl },
		},
	]);
	await importIntoN8n(env, credentials, [
		...examples,
		...(covers('novita')
			? [
					badKeyWorkflow(),
					timesOut(),
					resendsPaid(),
					modelModes(sandbox.sampleImageUrl),
					retriedTen(sandbox.sampleImageUrl),
					novitaSeveralImages(sandbox.sampleImageUrl),
				]
			: []),
		...(covers('freepik') ? [quickPolls(), magnificModes(sandbox.sampleImageUrl)] : []),
		...(covers('openai')
			? [
					editsModes(sandbox.sampleImageUrl),
					newestModel(),
					customSizeAsJson(),
					editsSeveralImagesMasked(sandbox.sampleImageUrl, sandbox.sampleMaskUrl),
				]
			: []),
	]);
}, 180_000);

afterAll(async () => {
	await sandbox?.stop();
	rmSync(userFolder, { recursive: true, force: true });
});

const allCases = [
	{
		id: 'example-novita-reimagine',
		route: () => [sandbox.novita, 'POST /v3/async/qwen-image-edit'] as const,
		items: 1,
		mimeType: 'image/png',
		auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.novita}`,
	},
	{
		id: 'example-novita-replace-background',
		route: () => [sandbox.novita, 'POST /v3/async/qwen-image-edit'] as const,
		items: 1,
		mimeType: 'image/webp',
		auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.novita}`,
	},
	{
		id: 'example-novita-reimagine-classic',
		route: () => [sandbox.novita, 'POST /v3/reimagine'] as const,
		items: 1,
		mimeType: 'image/png',
		auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.novita}`,
	},
	{
		id: 'example-novita-replace-background-classic',
		route: () => [sandbox.novita, 'POST /v3/replace-background'] as const,
		items: 1,
		mimeType: 'image/webp',
		auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.novita}`,
	},
	{
		id: 'example-novita-reimagine-kontext',
		route: () => [sandbox.novita, 'POST /v3/async/flux-1-kontext-pro'] as const,
		items: 1,
		mimeType: 'image/jpeg',
		auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.novita}`,
	},
	{
		id: 'example-novita-replace-background-seedream',
		route: () => [sandbox.novita, 'POST /v3/seedream-4.5'] as const,
		items: 1,
		mimeType: 'image/jpeg',
		auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.novita}`,
	},
	{
		id: 'example-freepik-reimagine-flux',
		route: () => [sandbox.freepik, 'POST /v1/ai/beta/text-to-image/reimagine-flux'] as const,
		items: 1,
		mimeType: 'image/png',
		auth: (h: Record<string, unknown>) => h['x-freepik-api-key'] === SANDBOX_KEYS.freepik,
	},
	...(
		[
			['example-freepik-flux-kontext', '/v1/ai/text-to-image/flux-kontext-max'],
			['example-freepik-seedream-edit', '/v1/ai/text-to-image/seedream-v4-5-edit'],
			['example-freepik-nano-banana', '/v1/ai/text-to-image/nano-banana-pro'],
		] as const
	).map(([id, path]) => ({
		id,
		route: () => [sandbox.freepik, `POST ${path}`] as const,
		items: 1,
		mimeType: 'image/png',
		auth: (h: Record<string, unknown>) => h['x-freepik-api-key'] === SANDBOX_KEYS.freepik,
	})),
	{
		id: 'example-openai-image-variation',
		route: () => [sandbox.openai, 'POST /images/edits'] as const,
		items: 2,
		mimeType: 'image/png',
		auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.openai}`,
	},
	{
		id: 'example-openai-image-variation-custom-size',
		route: () => [sandbox.openai, 'POST /images/edits'] as const,
		items: 1,
		mimeType: 'image/webp',
		auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.openai}`,
	},
	{
		id: 'example-openai-image-variation-several-images',
		route: () => [sandbox.openai, 'POST /images/edits'] as const,
		items: 1,
		mimeType: 'image/png',
		auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.openai}`,
	},
	{
		id: 'example-openai-image-variation-masked',
		route: () => [sandbox.openai, 'POST /images/edits'] as const,
		items: 1,
		mimeType: 'image/png',
		auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.openai}`,
	},
	{
		id: 'example-openai-image-variation-gateway',
		route: () => [sandbox.openai, 'POST /images/variations'] as const,
		items: 2,
		mimeType: 'image/png',
		auth: (h: Record<string, unknown>) => h.authorization === `Bearer ${SANDBOX_KEYS.openai}`,
	},
];

const cases = allCases.filter((example) => coversWorkflow(example.id));

/** The Edits API's ways in: each input source in each body form, n = 1 and n = 3. */
const EDITS_MODES = [
	{ name: 'Binary, JSON, 1', source: 'binary', uploadAs: 'json', n: 1, via: 'data-url' },
	{ name: 'Binary, Multipart, 3', source: 'binary', uploadAs: 'multipart', n: 3, via: 'file' },
	{ name: 'URL, JSON, 3', source: 'url', uploadAs: 'json', n: 3, via: 'url' },
	{ name: 'URL, Multipart, 1', source: 'url', uploadAs: 'multipart', n: 1, via: 'file' },
	{ name: 'Base64, JSON, 1', source: 'base64', uploadAs: 'json', n: 1, via: 'data-url' },
	{ name: 'Base64, Multipart, 3', source: 'base64', uploadAs: 'multipart', n: 3, via: 'file' },
] as const;

type Source = 'binary' | 'url' | 'base64';

/**
 * A workflow in which Read Image feeds several copies of an example's node side by side (n8n runs
 * the branches one by one), each with its own input source and parameters.
 */
function sideBySide(
	exampleIds: string[],
	id: string,
	sampleImageUrl: string,
	copies: Array<{ name: string; example: string; source: Source; parameters: object }>,
): ExampleWorkflow {
	const workflow = variant(exampleIds[0], id, () => {});
	const others = workflow.nodes.filter((node) => node !== ourNode(workflow));
	const nodes = copies.map((copy, index) => {
		const template = ourNode(examples.find((w) => w.id === copy.example)!);
		return {
			...JSON.parse(JSON.stringify(template)),
			id: `copy-${index}`,
			name: copy.name,
			position: [440, index * 160],
			parameters: {
				...template.parameters,
				inputSource: copy.source,
				...(copy.source === 'url' ? { imageUrl: sampleImageUrl } : {}),
				...(copy.source === 'base64' ? { imageBase64: fixtures.squarePng.toString('base64') } : {}),
				...copy.parameters,
			},
		};
	});
	workflow.nodes = [...others, ...nodes];
	(workflow.connections as Record<string, unknown>)['Read Image'] = {
		main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))],
	};
	return workflow;
}

/** One Edits node per mode. */
function editsModes(sampleImageUrl: string): ExampleWorkflow {
	return sideBySide(
		['example-openai-image-variation'],
		'e2e-openai-edits-modes',
		sampleImageUrl,
		EDITS_MODES.map((mode) => ({
			name: mode.name,
			example: 'example-openai-image-variation',
			source: mode.source,
			parameters: { n: mode.n, options: { uploadAs: mode.uploadAs } },
		})),
	);
}

/** Both Novita nodes on Qwen Image Edit, from each input source. */
/** Both Novita nodes on every model, from each input source: one node per combination. */
const MODEL_MODES = NOVITA_MODELS.flatMap((model) =>
	(['binary', 'url', 'base64'] as const).flatMap((source) => [
		{
			name: `Reimagine, ${model.displayName}, ${source}`,
			example: 'example-novita-reimagine',
			source,
			model,
		},
		{
			name: `Replace Background, ${model.displayName}, ${source}`,
			example: 'example-novita-replace-background',
			source,
			model,
		},
	]),
);

/**
 * Ten items, each its own Image URL (?item=0…9), into Novita Reimagine on Qwen Image Edit (which
 * passes the URL on, so a request tells its item) with n8n's Retry On Fail: 2 tries, 0.1 s apart.
 */
function retriedTen(sampleImageUrl: string): ExampleWorkflow {
	return variant('example-novita-reimagine', 'e2e-novita-retry-on-fail', (w) => {
		const urls = Array.from({ length: 10 }, (_, i) => `${sampleImageUrl}?item=${i}`);
		const read = w.nodes.find((node) => node.name === 'Read Image')!;
		Object.assign(read, {
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ urls }), options: {} },
		});
		const node = ourNode(w);
		Object.assign(node, { retryOnFail: true, maxTries: 2, waitBetweenTries: 100 });
		node.parameters = {
			...node.parameters,
			inputSource: 'url',
			imageUrl: '={{ $json.urls }}',
			options: { pollIntervalSeconds: 0.2 },
		};
		w.nodes.push({
			id: 'split-urls',
			name: 'One Item per URL',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [330, 160],
			parameters: { fieldToSplitOut: 'urls', options: {} },
		} as (typeof w.nodes)[number]);
		const connections = w.connections as Record<string, { main: unknown[][] }>;
		connections['Read Image'] = {
			main: [[{ node: 'One Item per URL', type: 'main', index: 0 }]],
		};
		connections['One Item per URL'] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
	});
}

/**
 * Read Image, then more HTTP Request nodes each reading the sample into a field of its own (n8n's
 * HTTP Request keeps the item's binaries), then one copy of the example's node per entry of
 * `copies`, side by side: several binary images per item, as a user builds them.
 */
function readsThen(
	exampleId: string,
	id: string,
	reads: Array<{ name: string; field: string; url: string }>,
	copies: Array<{ name: string; parameters: object }>,
): ExampleWorkflow {
	return variant(exampleId, id, (w) => {
		const template = ourNode(w);
		const read = w.nodes.find((node) => node.name === 'Read Image')!;
		const others = w.nodes.filter((node) => node === read || !node.name.startsWith('Read '));
		const readNodes = reads.map((one, index) => {
			const node = JSON.parse(JSON.stringify(read)) as typeof read;
			node.id = `read-${index}`;
			node.name = one.name;
			node.position = [330 + index * 110, 160];
			node.parameters = {
				url: one.url,
				options: {
					response: { response: { responseFormat: 'file', outputPropertyName: one.field } },
				},
			};
			return node;
		});
		const nodes = copies.map((copy, index) => ({
			...JSON.parse(JSON.stringify(template)),
			id: `copy-${index}`,
			name: copy.name,
			position: [440 + reads.length * 110, index * 160],
			parameters: { ...template.parameters, ...copy.parameters },
		}));
		w.nodes = [...others.filter((node) => node !== template), ...readNodes, ...nodes];
		const chain = ['Read Image', ...readNodes.map((node) => node.name)];
		const connections: Record<string, unknown> = {};
		for (const [name, target] of Object.entries(w.connections as Record<string, unknown>))
			if (!name.startsWith('Read ')) connections[name] = target;
		chain.forEach((name, index) => {
			const next = chain[index + 1];
			connections[name] = {
				main: [
					next
						? [{ node: next, type: 'main', index: 0 }]
						: nodes.map((node) => ({ node: node.name, type: 'main', index: 0 })),
				],
			};
		});
		w.connections = connections;
	});
}

/** OpenAI Edits: three binary images and a binary mask, in each body form. */
const SEVERAL_IMAGES_FORMS = ['json', 'multipart'] as const;
function editsSeveralImagesMasked(sampleImageUrl: string, sampleMaskUrl: string): ExampleWorkflow {
	return readsThen(
		'example-openai-image-variation-masked',
		'e2e-openai-several-images-masked',
		[
			{ name: 'Read Product', field: 'product', url: sampleImageUrl },
			{ name: 'Read Logo', field: 'logo', url: sampleImageUrl },
			{ name: 'Read Mask', field: 'mask', url: sampleMaskUrl },
		],
		SEVERAL_IMAGES_FORMS.map((uploadAs) => ({
			name: `Three images and a mask, ${uploadAs}`,
			parameters: {
				additionalImages: {
					images: [
						{ source: 'binary', binaryPropertyName: 'product' },
						{ source: 'binary', binaryPropertyName: 'logo' },
					],
				},
				maskSource: 'binary',
				maskBinaryPropertyName: 'mask',
				options: { uploadAs },
			},
		})),
	);
}

/** Novita: FLUX.1 Kontext Pro with four images and Seedream 4.5 with three, from mixed sources. */
const NOVITA_SEVERAL = [
	{
		name: 'FLUX.1 Kontext Pro, four images',
		engine: 'fluxKontextPro',
		sentAs: ['base64', 'base64', 'url', 'base64'],
	},
	{ name: 'Seedream 4.5, three images', engine: 'seedream45', sentAs: ['base64', 'url', 'base64'] },
] as const;
function novitaSeveralImages(sampleImageUrl: string): ExampleWorkflow {
	const url = { source: 'url', imageUrl: sampleImageUrl };
	const base64 = { source: 'base64', imageBase64: fixtures.squarePng.toString('base64') };
	const product = { source: 'binary', binaryPropertyName: 'product' };
	return readsThen(
		'example-novita-reimagine-kontext',
		'e2e-novita-several-images',
		[{ name: 'Read Product', field: 'product', url: sampleImageUrl }],
		NOVITA_SEVERAL.map((copy) => ({
			name: copy.name,
			parameters: {
				engine: copy.engine,
				inputSource: 'binary',
				binaryPropertyName: 'data',
				additionalImages: {
					images: copy.engine === 'fluxKontextPro' ? [product, url, base64] : [url, base64],
				},
				options: { pollIntervalSeconds: 0.2 },
			},
		})),
	);
}

/**
 * Magnific's models on the Freepik node, as their pages give them (written here, not read from the
 * package): each from binary, URL and base64 input, with the most images it takes (the input
 * image again as each further one), and the examples' node each model runs from.
 */
const MAGNIFIC_MODES = (
	[
		['fluxKontextPro', 'flux-kontext-pro', 1, 'upload'],
		['fluxKontextMax', 'flux-kontext-max', 4, 'upload'],
		['seedream45Edit', 'seedream-v4-5-edit', 5, 'base64'],
		['nanoBananaPro', 'nano-banana-pro', 3, 'upload'],
		['nanoBananaProFlash', 'nano-banana-pro-flash', 3, 'upload'],
	] as const
).flatMap(([model, path, max, inlineAs]) =>
	(['binary', 'url', 'base64'] as const).map((source) => ({
		name: `Freepik, ${model}, ${source}`,
		example: 'example-freepik-nano-banana',
		source,
		model,
		path,
		max,
		// How Magnific receives a binary or base64 image: uploaded first, or inline.
		sentAs: source === 'url' ? 'url' : inlineAs,
	})),
);

/** The same image again, from the same source, as Additional Images entry. */
const againFrom = (source: Source, sampleImageUrl: string) =>
	({
		binary: { source, binaryPropertyName: 'data' },
		url: { source, imageUrl: sampleImageUrl },
		base64: { source, imageBase64: fixtures.squarePng.toString('base64') },
	})[source];

/** Every Magnific model per input source, and Flux Kontext Pro given two images (an error item). */
function magnificModes(sampleImageUrl: string): ExampleWorkflow {
	const workflow = sideBySide(
		['example-freepik-nano-banana'],
		'e2e-freepik-model-modes',
		sampleImageUrl,
		[
			...MAGNIFIC_MODES.map((mode) => ({
				...mode,
				parameters: {
					model: mode.model,
					modelOptions: {},
					additionalImages: {
						images: Array.from({ length: mode.max - 1 }, () =>
							againFrom(mode.source, sampleImageUrl),
						),
					},
					options: { pollIntervalSeconds: 0.2 },
				},
			})),
			{
				name: 'Freepik, Flux Kontext Pro, two images',
				example: 'example-freepik-nano-banana',
				source: 'url' as const,
				parameters: { model: 'fluxKontextPro', modelOptions: {} },
			},
		],
	);
	// A model that takes one image has no Additional Images: two come as a list of two URLs.
	const twice = workflow.nodes.find(
		(node) => node.name === 'Freepik, Flux Kontext Pro, two images',
	)!;
	Object.assign(twice, { onError: 'continueRegularOutput' });
	twice.parameters = {
		...twice.parameters,
		inputSource: 'url',
		imageUrl: `${sampleImageUrl}\n${sampleImageUrl}`,
	};
	return workflow;
}

function modelModes(sampleImageUrl: string): ExampleWorkflow {
	return sideBySide(
		['example-novita-reimagine'],
		'e2e-novita-model-modes',
		sampleImageUrl,
		MODEL_MODES.map((mode) => ({
			...mode,
			parameters: { engine: mode.model.engine, options: { pollIntervalSeconds: 0.2 } },
		})),
	);
}

describe(`${installed.name} as n8n ${runtime.n8nVersion} installs it (Node ${runtime.nodeMajor})`, () => {
	it('is the packed tarball with n8n’s own n8n-workflow, nothing linked from the repository', () => {
		const folder = join(userFolder, '.n8n', 'nodes', 'node_modules', installed.name);
		expect(lstatSync(folder).isSymbolicLink()).toBe(false);
		const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Record<
			string,
			unknown
		>;
		expect(manifest.devDependencies).toBeUndefined();
		expect(manifest.peerDependencies).toBeUndefined();
		expect(readdirSync(folder).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
		// From the installed dist/, n8n-workflow is not found at all: n8n supplies its own at load time.
		expect(() => require.resolve('n8n-workflow', { paths: [join(folder, 'dist')] })).toThrow(
			/Cannot (find|resolve) module/,
		);
	});
});

describe('beside another n8n on this machine', () => {
	// test/harness/e2eGlobalSetup.js holds them, as a running `npm run dev` does; every run of this
	// suite below then shows that no n8n command falls back on a default port.
	it.each([5678, 5679])('runs while port %i is taken', async (port) => {
		const taken = await new Promise<boolean>((resolve) => {
			const socket = connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		expect(taken).toBe(true);
	});
});

describe(`example workflows in the real n8n ${runtime.n8nVersion} CLI`, () => {
	it.each(cases)(
		'$id succeeds with binary images and the vendor saw one authenticated request',
		async (example) => {
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
				const subtype = example.mimeType.split('/')[1];
				expect(binary?.fileExtension).toBe(subtype === 'jpeg' ? 'jpg' : subtype);
				expect(binary?.id).toMatch(/^filesystem-v2:/);
				// 1.x stores fileSize (text) but no bytes.
				expect(binary?.bytes ?? binary?.fileSize).toBeTruthy();
			}

			const requests = server.requestsTo(route).slice(before);
			expect(requests).toHaveLength(1);
			expect(example.auth(requests[0].headers)).toBe(true);
			for (const key of Object.values(SANDBOX_KEYS)) expect(stdout).not.toContain(key);
		},
	);

	itFor('openai')(
		'the Edits API: binary, URL and base64 input, JSON and multipart, n = 1 and n = 3',
		async () => {
			const before = sandbox.openai.edits.length;
			const { code, run, stdout } = await execute('e2e-openai-edits-modes');
			expect(code).toBe(0);
			expect(run.data.resultData.error).toBeUndefined();
			for (const mode of EDITS_MODES) {
				const nodeRun = run.data.resultData.runData[mode.name]?.[0];
				expect(nodeRun?.executionStatus).toBe('success');
				const items = nodeRun!.data!.main[0];
				expect(items).toHaveLength(mode.n);
				for (const item of items) {
					expect(item.pairedItem).toEqual({ item: 0 });
					expect(item.binary?.data.mimeType).toBe('image/png');
					expect(item.binary?.data.id).toMatch(/^filesystem-v2:/);
					expect(item.json.model).toBe('gpt-image-1.5');
				}
			}
			// What the API received, as it understood it: one request per mode, each in its own form.
			const received = sandbox.openai.edits
				.slice(before)
				.map((edit) => `${edit.form} ${edit.images[0].via} ${edit.n}`)
				.sort();
			expect(received).toEqual(
				EDITS_MODES.map((mode) => `${mode.uploadAs} ${mode.via} ${mode.n}`).sort(),
			);
			for (const key of Object.values(SANDBOX_KEYS)) expect(stdout).not.toContain(key);
		},
	);

	itFor('openai')(
		'gpt-image-2 with a custom size: 2048x1152 in the multipart form, the answer’s size kept',
		async () => {
			const before = sandbox.openai.edits.length;
			const { code, run } = await execute('example-openai-image-variation-custom-size');
			expect(code).toBe(0);
			const [item] = outputOf(run, 'example-openai-image-variation-custom-size');
			// The sandbox answers the size asked for, as OpenAI does.
			expect(item.json).toMatchObject({
				model: 'gpt-image-2',
				size: '2048x1152',
				width: 2048,
				height: 1152,
				mimeType: 'image/webp',
			});
			expect(sandbox.openai.edits.slice(before)).toEqual([
				expect.objectContaining({
					form: 'multipart',
					model: 'gpt-image-2',
					fields: expect.objectContaining({ size: '2048x1152', output_format: 'webp' }),
				}),
			]);
		},
	);

	itFor('openai')(
		'gpt-image-2 with a custom size in the JSON form fails before any upload, saying to choose Multipart',
		async () => {
			const before = sandbox.openai.requestsTo('POST /images/edits').length;
			const { code, run } = await execute('e2e-openai-custom-size-json');
			expect(code).toBe(1);
			const error = run.data.resultData.error;
			expect(error?.message).toBe(
				'Item 0: Image Options › a Custom Size (2048x1152) is a field of the multipart form of /images/edits only; the JSON form takes the fixed sizes, but Upload As is JSON',
			);
			expect(error?.description).toBe(
				'Set Options › Upload As to Multipart, or choose one of the fixed sizes.',
			);
			expect(sandbox.openai.requestsTo('POST /images/edits').slice(before)).toHaveLength(0);
		},
	);

	itFor('openai')(
		'the Edits API on a gateway that answers URLs: a gpt-image-2.6 model with Quality X-High and Complexity',
		async () => {
			const before = sandbox.openai.edits.length;
			sandbox.openai.editsAnswerUrls = true;
			try {
				const { code, run, stdout } = await execute('e2e-openai-newest-model');
				expect(code).toBe(0);
				const [item, ...rest] = outputOf(run, 'example-openai-image-variation');
				expect(rest).toHaveLength(0);
				expect(item.json).toMatchObject({
					model: 'gpt-image-2.6-2026-11-01',
					quality: 'xhigh',
					url: expect.stringContaining('/files/'),
				});
				expect(item.binary?.data.id).toMatch(/^filesystem-v2:/);
				expect(sandbox.openai.edits.slice(before).map((edit) => edit.fields)).toEqual([
					expect.objectContaining({ quality: 'xhigh', complexity: 'high' }),
				]);
				for (const key of Object.values(SANDBOX_KEYS)) expect(stdout).not.toContain(key);
			} finally {
				sandbox.openai.editsAnswerUrls = false;
			}
		},
	);

	itFor('novita')(
		'both Novita nodes on every model: binary, URL and base64 input',
		async () => {
			const before = sandbox.novita.tasks.size;
			const { code, run, stdout } = await execute('e2e-novita-model-modes');
			expect(code).toBe(0);
			expect(run.data.resultData.error).toBeUndefined();
			for (const mode of MODEL_MODES) {
				const item = onlyItemOf(run, mode.name);
				expect(item.json.model).toBe(mode.model.model);
				if (mode.model.answer === 'task') expect(item.json.status).toBe('TASK_STATUS_SUCCEED');
				expect(item.binary?.data.id).toMatch(/^filesystem-v2:/);
				// The examples' Output Image Type, where the model takes one; JPEG as the others make it.
				const asked = mode.example === 'example-novita-reimagine' ? 'image/png' : 'image/webp';
				expect(item.binary?.data.mimeType).toBe(
					mode.model.outputFormatField ? asked : 'image/jpeg',
				);
			}
			// What Novita received: one request per node, the image as a URL for URL input, base64 otherwise.
			const requests = [...sandbox.novita.tasks.values()].slice(before);
			expect(requests.map((request) => request.imageSentAs).sort()).toEqual(
				MODEL_MODES.map((mode) => (mode.source === 'url' ? 'url' : 'base64')).sort(),
			);
			for (const key of Object.values(SANDBOX_KEYS)) expect(stdout).not.toContain(key);
		},
		300_000,
	);

	itFor('freepik')(
		'every Magnific model on the Freepik node: binary, URL and base64 input with the most images it takes',
		async () => {
			const server = sandbox.freepik;
			const tasksBefore = server.modelTasks.length;
			const requestsBefore = server.requests.length;
			const { code, run, stdout } = await execute('e2e-freepik-model-modes');
			expect(code).toBe(0);
			expect(run.data.resultData.error).toBeUndefined();
			for (const mode of MAGNIFIC_MODES) {
				const item = onlyItemOf(run, mode.name);
				expect(item.json).toMatchObject({ model: mode.path, status: 'COMPLETED' });
				expect(item.binary?.data.id).toMatch(/^filesystem-v2:/);
				expect(item.binary?.data.mimeType).toBe('image/png');
			}
			// What Magnific received: per node, its model's path and the most images it takes, each
			// uploaded, inline or as the URL given.
			const received = server.modelTasks.slice(tasksBefore);
			expect(
				received.map((task) => [task.path.split('/').pop(), task.images.length]).sort(),
			).toEqual(MAGNIFIC_MODES.map((mode) => [mode.path, mode.max]).sort());
			expect(received.map((task) => task.images[0].sentAs).sort()).toEqual(
				MAGNIFIC_MODES.map((mode) => mode.sentAs).sort(),
			);
			// Each upload went to the signed URL with the signed headers and no key.
			const puts = server.requests.slice(requestsBefore).filter((r) => r.method === 'PUT');
			expect(puts.length).toBe(
				MAGNIFIC_MODES.filter((mode) => mode.sentAs === 'upload').reduce(
					(sum, mode) => sum + mode.max,
					0,
				),
			);
			for (const put of puts) {
				expect(put.status).toBe(200);
				expect(put.headers['x-goog-content-length-range']).toBe('0,1073741824');
				expect(put.headers['content-type']).toBe('image/png');
				expect(JSON.stringify(put.headers)).not.toContain(SANDBOX_KEYS.freepik);
			}
			// Flux Kontext Pro takes one image: two are refused before any request, as an error item.
			const refused = run.data.resultData.runData['Freepik, Flux Kontext Pro, two images']?.[0];
			expect(refused!.data!.main[0][0].json.error).toMatch(
				/Flux Kontext Pro takes one image; this item has 2/,
			);
			expect(received.filter((task) => task.path.endsWith('/flux-kontext-pro'))).toHaveLength(3);
			for (const key of Object.values(SANDBOX_KEYS)) expect(stdout).not.toContain(key);
		},
		300_000,
	);

	itFor('freepik')('a Magnific task that FAILED fails the workflow with its reason', async () => {
		const server = sandbox.freepik;
		const original = server.modelBehaviour;
		server.modelBehaviour = {
			...original,
			finalStatus: 'FAILED',
			failureReason: 'The content was flagged by the safety filter',
		};
		try {
			const { code, run } = await execute('example-freepik-nano-banana');
			expect(code).toBe(1);
			expect(run.data.resultData.error?.message).toMatch(
				/^Freepik Nano Banana Pro task [0-9a-f-]{36} FAILED: The content was flagged by the safety filter$/,
			);
		} finally {
			server.modelBehaviour = original;
		}
	});

	itFor('openai')(
		'the Edits API with three binary images and a binary mask, in the JSON and the multipart form',
		async () => {
			const before = sandbox.openai.edits.length;
			const { code, run, stdout } = await execute('e2e-openai-several-images-masked');
			expect(code).toBe(0);
			expect(run.data.resultData.error).toBeUndefined();
			for (const uploadAs of SEVERAL_IMAGES_FORMS) {
				const nodeRun = run.data.resultData.runData[`Three images and a mask, ${uploadAs}`]?.[0];
				expect(nodeRun?.executionStatus).toBe('success');
				const [item, ...rest] = nodeRun!.data!.main[0];
				expect(rest).toHaveLength(0);
				expect(item.pairedItem).toEqual({ item: 0 });
				expect(item.json).toMatchObject({
					inputImages: [
						{ binaryField: 'data' },
						{ binaryField: 'product' },
						{ binaryField: 'logo' },
					],
					mask: { binaryField: 'mask' },
				});
				expect(item.binary?.data.id).toMatch(/^filesystem-v2:/);
			}
			// What the API received: three images and the mask, in each form.
			const received = sandbox.openai.edits.slice(before);
			expect(
				received.map((edit) => [edit.form, edit.images.length, edit.mask?.bytes.length ?? 0]),
			).toEqual([
				['json', 3, expect.any(Number)],
				['multipart', 3, expect.any(Number)],
			]);
			for (const edit of received) expect(edit.mask?.bytes.length).toBeGreaterThan(0);
			for (const key of Object.values(SANDBOX_KEYS)) expect(stdout).not.toContain(key);
		},
	);

	itFor('novita')(
		'FLUX.1 Kontext Pro with four images and Seedream 4.5 with three, from binary fields, a URL and base64',
		async () => {
			const before = sandbox.novita.tasks.size;
			const { code, run, stdout } = await execute('e2e-novita-several-images');
			expect(code).toBe(0);
			expect(run.data.resultData.error).toBeUndefined();
			for (const copy of NOVITA_SEVERAL) {
				const nodeRun = run.data.resultData.runData[copy.name]?.[0];
				expect({ node: copy.name, status: nodeRun?.executionStatus }).toEqual({
					node: copy.name,
					status: 'success',
				});
				const [item] = nodeRun!.data!.main[0];
				expect(item.pairedItem).toEqual({ item: 0 });
				expect((item.json.inputImages as unknown[]).length).toBe(copy.sentAs.length);
			}
			const tasks = [...sandbox.novita.tasks.values()].slice(before);
			expect(tasks.map((task) => task.inputs.map((input) => input.sentAs)).sort()).toEqual(
				NOVITA_SEVERAL.map((copy) => [...copy.sentAs]).sort(),
			);
			for (const key of Object.values(SANDBOX_KEYS)) expect(stdout).not.toContain(key);
		},
		300_000,
	);

	itFor('novita')(
		'a wrong key fails the workflow with the node’s clear message, and the key is not printed',
		async () => {
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
			// The failing run's error holds plain data: nothing n8n logs or stores it with meets a
			// live request or socket (a newcomer saw "Converting circular structure to JSON" blocks),
			// and n8n, set up offline, does not call home.
			expect(stdout).not.toMatch(/circular structure|_httpMessage/);
			expect(stdout).not.toMatch(/api\.n8n\.io|ENOTFOUND/);
		},
	);
});

describe(`retries, waits, polls and cancellation in the real n8n ${runtime.n8nVersion}`, () => {
	const novitaRoute = 'POST /v3/reimagine';
	const busy = {
		kind: 'status' as const,
		status: 503,
		body: { code: 503, reason: 'SERVICE_UNAVAILABLE', message: 'busy' },
	};

	itFor('novita')(
		'a 503 to a paid request is not resent: the workflow fails saying it may have been charged',
		async () => {
			const before = sandbox.novita.requestsTo(novitaRoute).length;
			sandbox.novita.fail(novitaRoute, busy);
			const { code, run } = await execute('example-novita-reimagine-classic');
			expect(code).toBe(1);
			const error = run.data.resultData.error;
			expect(error?.message).toBe(
				'Novita AI returned HTTP 503: busy [SERVICE_UNAVAILABLE] (the request may have been taken and charged)',
			);
			expect(error?.description).toMatch(/turn on the option "Resend Paid Requests"/);
			expect(sandbox.novita.requestsTo(novitaRoute).slice(before)).toHaveLength(1);
		},
	);

	itFor('novita')(
		'with Resend Paid Requests on, a 503 is resent and the workflow succeeds',
		async () => {
			const before = sandbox.novita.requestsTo(novitaRoute).length;
			sandbox.novita.fail(novitaRoute, busy);
			const { code, run } = await execute('e2e-novita-resend-paid');
			expect(code).toBe(0);
			const [item] = outputOf(run, 'example-novita-reimagine-classic');
			expect(item.json.attempts).toBe(2);
			expect(item.binary?.data.mimeType).toBe('image/png');
			expect(
				sandbox.novita
					.requestsTo(novitaRoute)
					.slice(before)
					.map((r) => r.status),
			).toEqual([503, 200]);
		},
	);

	itFor('novita')('a 429 with Retry-After is waited out, then retried', async () => {
		const before = sandbox.novita.requestsTo(novitaRoute).length;
		sandbox.novita.fail(novitaRoute, {
			kind: 'status',
			status: 429,
			body: { code: 429, reason: 'RATE_LIMIT_EXCEEDED', message: 'slow down' },
			headers: { 'retry-after': '1' },
		});
		const { code, run } = await execute('example-novita-reimagine-classic');
		expect(code).toBe(0);
		expect(outputOf(run, 'example-novita-reimagine-classic')[0].json.attempts).toBe(2);
		const [refused, accepted] = sandbox.novita.requestsTo(novitaRoute).slice(before);
		expect([refused.status, accepted.status]).toEqual([429, 200]);
		expect(accepted.at - refused.at).toBeGreaterThanOrEqual(990);
	});

	itFor('freepik')('a Freepik task that needs several polls completes', async () => {
		const original = sandbox.freepik.behaviour;
		sandbox.freepik.behaviour = {
			...original,
			initialStatus: 'IN_PROGRESS',
			completeAfterPolls: 3,
		};
		const before = sandbox.freepik.requests.length;
		try {
			const { code, run } = await execute('e2e-freepik-quick-polls');
			expect(code).toBe(0);
			const [item] = outputOf(run, 'example-freepik-reimagine-flux');
			expect(item.json.status).toBe('COMPLETED');
			expect(item.binary?.data.mimeType).toBe('image/png');
			const polls = sandbox.freepik.requests
				.slice(before)
				.filter(
					(r) =>
						r.method === 'GET' && r.path.startsWith('/v1/ai/beta/text-to-image/reimagine-flux/'),
				);
			expect(polls.map((r) => r.status)).toEqual([200, 200, 200]);
		} finally {
			sandbox.freepik.behaviour = original;
		}
	});

	itFor('novita')(
		'cancelling the execution while the node waits out a Retry-After ends the wait at once, with no further request',
		async () => {
			const before = sandbox.novita.requestsTo(novitaRoute).length;
			sandbox.novita.fail(novitaRoute, {
				kind: 'status',
				status: 429,
				body: { code: 429, reason: 'RATE_LIMIT_EXCEEDED', message: 'slow down' },
				headers: { 'retry-after': '30' },
			});
			const started = Date.now();
			// A cancelled execution prints its error and cause chain, not the run as JSON.
			const result = await runCli(
				['execute', '--id=e2e-novita-cancelled-in-wait', '--rawOutput'],
				env,
			);
			const output = result.stdout + result.stderr;
			expect(result.code).toBe(1);
			// Ended by n8n's cancellation, not by a failure of the node's own: a sleep that throws (as
			// n8n-workflow 2.34+'s sleep would, called the old way) ends the run at once with the node's error and never reaches the timeout.
			expect(output).toContain('The execution was cancelled because it timed out');
			expect(output).not.toMatch(/is not a function|returned HTTP 429/);
			// Cut short by the 3 s timeout, long before the 30 s the server asked for (start-up included).
			expect(Date.now() - started).toBeLessThan(25_000);
			expect(
				sandbox.novita
					.requestsTo(novitaRoute)
					.slice(before)
					.map((r) => r.status),
			).toEqual([429]);
		},
	);

	itFor('novita')(
		'n8n’s Retry On Fail (2 tries) on 10 items, item 7 refused once: 10 charges, 10 images out',
		async () => {
			const route = 'POST /v3/async/qwen-image-edit';
			const chargesBefore = sandbox.novita.charges.length;
			const before = sandbox.novita.requestsTo(route).length;
			const ofItem7 = (r: { json?: unknown }) => JSON.stringify(r.json ?? {}).includes('item=7');
			sandbox.novita.failWhen(route, ofItem7, {
				kind: 'status',
				status: 400,
				body: { code: 400, reason: 'INVALID_REQUEST_BODY', message: 'refused once' },
			});
			const { code, run } = await execute('e2e-novita-retry-on-fail');
			expect(code).toBe(0);
			const items = outputOf(run, 'example-novita-reimagine');
			expect(items).toHaveLength(10);
			expect(items.map((item) => item.pairedItem)).toEqual(
				Array.from({ length: 10 }, (_, item) => ({ item })),
			);
			for (const item of items) expect(item.binary?.data.id).toMatch(/^filesystem-v2:/);
			expect(sandbox.novita.charges.length - chargesBefore).toBe(10);
			const submits = sandbox.novita.requestsTo(route).slice(before);
			expect(submits.filter(ofItem7)).toHaveLength(2);
			expect(submits).toHaveLength(11);
		},
		120_000,
	);
});

/** Whether this n8n has SSRF protection: N8N_SSRF_PROTECTION_ENABLED exists from n8n 2.12 on. */
function hasSsrfProtection(version: string): boolean {
	const [major, minor] = version.split('.').map(Number);
	return major > 2 || (major === 2 && minor >= 12);
}

// n8n's SSRF protection, on, with the vendors' address (the sandbox on 127.0.0.1) allowed and the
// rest of loopback blocked as by default: an image on 127.0.0.2 stands for an internal address.
(hasSsrfProtection(runtime.n8nVersion) ? describe : describe.skip)(
	`SSRF protection of n8n ${runtime.n8nVersion} (2.12 and later)`,
	() => {
		const protection = {
			N8N_SSRF_PROTECTION_ENABLED: 'true',
			N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
		};
		let internal: Server;
		let internalUrl: string;
		const internalRequests: string[] = [];

		beforeAll(async () => {
			internal = createServer((req, res) => {
				internalRequests.push(req.url ?? '');
				res.writeHead(200, { 'content-type': 'image/png' }).end(fixtures.squarePng);
			});
			await new Promise<void>((resolve) => internal.listen(0, '127.0.0.2', resolve));
			internalUrl = `http://127.0.0.2:${(internal.address() as AddressInfo).port}`;
			if (!covers('novita')) return;
			// The classic engine downloads an Image URL itself (Qwen passes it on for Novita to fetch).
			const urlInput = variant(
				'example-novita-reimagine-classic',
				'e2e-novita-ssrf-input-url',
				(w) => {
					Object.assign(ourNode(w).parameters, {
						inputSource: 'url',
						imageUrl: `${internalUrl}/in.png`,
					});
				},
			);
			await importIntoN8n(env, [], [urlInput]);
		}, 120_000);

		afterAll(async () => {
			await new Promise((resolve) => internal?.close(resolve));
		});

		const SETTING =
			/N8N_SSRF_PROTECTION_ENABLED[\s\S]*N8N_SSRF_ALLOWED_IP_RANGES or N8N_SSRF_ALLOWED_HOSTNAMES/;

		itFor('novita')('the vendors’ allowed address works as before', async () => {
			const { code, run } = await execute('example-novita-reimagine', protection);
			expect(code).toBe(0);
			expect(outputOf(run, 'example-novita-reimagine')[0].binary?.data.mimeType).toBe('image/png');
		});

		itFor('novita')(
			'an Input Image URL at a blocked address fails, naming the setting, and nothing is uploaded',
			async () => {
				const submits = sandbox.novita.requestsTo('POST /v3/reimagine').length;
				const { code, run } = await execute('e2e-novita-ssrf-input-url', protection);
				expect(code).toBe(1);
				const error = run.data.resultData.error;
				expect(error?.message).toMatch(
					/^Image URL download: n8n's SSRF protection blocked the request to 127\.0\.0\.2, a restricted address$/,
				);
				expect(`${error?.message} ${error?.description}`).toMatch(SETTING);
				expect(internalRequests).toHaveLength(0);
				expect(sandbox.novita.requestsTo('POST /v3/reimagine')).toHaveLength(submits);
			},
		);

		itFor('freepik')(
			'a result URL at a blocked address fails, naming the setting, and is not fetched',
			async () => {
				const route = 'POST /v1/ai/beta/text-to-image/reimagine-flux';
				sandbox.freepik.fail(route, {
					kind: 'status',
					status: 200,
					body: {
						data: {
							task_id: 'task-ssrf',
							status: 'COMPLETED',
							generated: [`${internalUrl}/generated.png`],
						},
					},
				});
				const { code, run } = await execute('example-freepik-reimagine-flux', protection);
				expect(code).toBe(1);
				const error = run.data.resultData.error;
				expect(error?.message).toMatch(
					/^1 of 1 Freepik generated images could not be downloaded: Freepik generated image download: n8n's SSRF protection blocked the request to 127\.0\.0\.2, a restricted address$/,
				);
				expect(`${error?.message} ${error?.description}`).toMatch(SETTING);
				expect(internalRequests).toHaveLength(0);
			},
		);
	},
);
