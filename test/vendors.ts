// The one list of vendors and nodes for everything around the package: the sandbox (npm run dev,
// the CLI end-to-end tests), the fault matrix, the examples test and the editor test. Adding a
// vendor adds one entry to VENDORS (and its contract server); adding a node adds one to NODES.
import { makePng, maskPng } from './fixtures/images';
import type { ContractServer } from './servers/contractServer';
import {
	FREEPIK_WEBHOOK_SECRET,
	FreepikServer,
	TASK_PATH,
	UPLOAD_REQUEST_PATH,
} from './servers/freepikServer';
import { KONTEXT_PATHS, NovitaServer, QWEN_PATH, SEEDREAM_PATH } from './servers/novitaServer';
import { OpenAiServer } from './servers/openAiServer';

export type Vendor = 'novita' | 'freepik' | 'openai';

/** One step of filling a credential in n8n's dialog: type into a field, or pick a dropdown option. */
export type CredentialFormStep =
	{ type: string; value: 'apiKey' | 'baseUrl' } | { pick: string; option: string };

export interface VendorEntry<S extends ContractServer = ContractServer> {
	server: () => S;
	/** Path the API lives under on its host (OpenAI-style hosts end in /v1). */
	mountPath: string;
	credentialType: string;
	credentialDisplayName: string;
	/** How the example workflows name the credential, and the id the sandbox imports it with. */
	exampleCredential: { id: string; name: string };
	/** The credential's data against a contract server at `baseUrl`. */
	credentialData(baseUrl: string, apiKey: string): Record<string, string>;
	/** How a user fills the credential dialog to reach that server. */
	credentialForm: CredentialFormStep[];
	/** The credential's test request, and whether a recorded request carried `apiKey`. */
	credentialTest: {
		route: string;
		authenticated(headers: Record<string, unknown>, apiKey: string): boolean;
	};
}

const bearer = (headers: Record<string, unknown>, apiKey: string) =>
	headers.authorization === `Bearer ${apiKey}`;

export const VENDORS = {
	novita: {
		server: () => new NovitaServer(),
		mountPath: '',
		credentialType: 'novitaApi',
		credentialDisplayName: 'Novita AI API',
		exampleCredential: { id: 'novitaApi-example', name: 'Novita AI account' },
		credentialData: (baseUrl, apiKey) => ({ apiKey, baseUrl }),
		credentialForm: [
			{ type: 'apiKey', value: 'apiKey' },
			{ type: 'baseUrl', value: 'baseUrl' },
		],
		credentialTest: { route: 'GET /openapi/v1/billing/balance/detail', authenticated: bearer },
	} satisfies VendorEntry<NovitaServer>,
	freepik: {
		server: () => new FreepikServer(),
		mountPath: '',
		credentialType: 'freepikApi',
		credentialDisplayName: 'Freepik (Magnific) API',
		exampleCredential: { id: 'freepikApi-example', name: 'Freepik account' },
		credentialData: (baseUrl, apiKey) => ({
			apiKey,
			host: 'custom',
			baseUrl,
			headerName: 'x-freepik-api-key',
			webhookSecret: FREEPIK_WEBHOOK_SECRET,
		}),
		credentialForm: [
			{ type: 'apiKey', value: 'apiKey' },
			{ pick: 'host', option: 'Custom' },
			{ type: 'baseUrl', value: 'baseUrl' },
		],
		credentialTest: {
			route: 'GET /v1/ai/text-to-image/flux-dev',
			authenticated: (headers, apiKey) => headers['x-freepik-api-key'] === apiKey,
		},
	} satisfies VendorEntry<FreepikServer>,
	openai: {
		server: () => new OpenAiServer(),
		mountPath: '/v1',
		credentialType: 'openAiImagesApi',
		credentialDisplayName: 'OpenAI-Compatible Images API',
		exampleCredential: { id: 'openAiImagesApi-example', name: 'OpenAI-compatible account' },
		credentialData: (baseUrl, apiKey) => ({ apiKey, baseUrl }),
		credentialForm: [
			{ type: 'apiKey', value: 'apiKey' },
			{ type: 'baseUrl', value: 'baseUrl' },
		],
		credentialTest: { route: 'GET /models', authenticated: bearer },
	} satisfies VendorEntry<OpenAiServer>,
};

export interface NodeEntry {
	/** Unique among the entries: a node, or one API of a node that has several. */
	id: string;
	/** The node's type name without the package prefix. */
	nodeType: string;
	/** The node version the tests run (1 when unset); the editor always adds the newest. */
	typeVersion?: number;
	displayName: string;
	/** How the API hands back images: base64 in the answer, URLs to download, either, or a task id to poll. */
	answers: 'base64' | 'urls' | 'both' | 'task';
	/** For answers 'both': how a run gets URLs instead of base64 (a parameter, or a gateway's habit). */
	urlAnswers?: { parameters?: Record<string, unknown>; server?: (server: OpenAiServer) => void };
	vendor: Vendor;
	/** The paid API route of one item (its submit or generation), as the contract server records it. */
	route: string;
	/**
	 * Other API routes an item calls with the key (asking for upload URLs, a task's status); a
	 * trailing * matches any rest of the path.
	 */
	freeApiRoutes?: string[];
	/** The example workflow in examples/. */
	example: string;
	/** Parameters for a run on one square PNG from binary `data` (the fault matrix); `options` are merged under each case's. */
	parameters: Record<string, unknown>;
	/** Dropdowns the editor test sets after adding the node (display names), before checking. */
	editorPicks?: Array<{ parameter: string; option: string }>;
	/** Parameters the editor must show when the node is added (after editorPicks). */
	editorParameters: string[];
	/** The node's screenshot in docs/screenshots/. */
	screenshot: string;
}

/** What the OpenAI node's Edits API entries share. */
const OPENAI_EDITS = {
	nodeType: 'openAiImageVariation',
	typeVersion: 2,
	displayName: 'OpenAI Image Variation',
	// OpenAI answers GPT Image models with b64_json; gateways may answer URLs.
	answers: 'both',
	urlAnswers: {
		server: (server: OpenAiServer) => {
			server.editsAnswerUrls = true;
		},
	},
	vendor: 'openai',
	route: 'POST /images/edits',
	editorParameters: ['api', 'inputSource', 'binaryPropertyName', 'imageModel', 'prompt', 'n'],
} satisfies Partial<NodeEntry>;

/** Magnific's model paths, as its pages give them (not the node's declarations). */
export const MAGNIFIC_PATHS = {
	fluxKontextPro: '/v1/ai/text-to-image/flux-kontext-pro',
	fluxKontextMax: '/v1/ai/text-to-image/flux-kontext-max',
	seedream45Edit: '/v1/ai/text-to-image/seedream-v4-5-edit',
	nanoBananaPro: '/v1/ai/text-to-image/nano-banana-pro',
	nanoBananaProFlash: '/v1/ai/text-to-image/nano-banana-pro-flash',
};

/** What the Freepik node's Magnific model entries share. */
const MAGNIFIC_MODEL = {
	nodeType: 'freepikReimagineFlux',
	displayName: 'Freepik Reimagine Flux',
	// Their answer is a task whose signed URLs are downloaded, as Reimagine Flux's.
	answers: 'urls',
	vendor: 'freepik',
	parameters: { options: { pollIntervalSeconds: 0.02, maxWaitSeconds: 5 } },
	editorParameters: [
		'model',
		'inputSource',
		'binaryPropertyName',
		'prompt',
		'webhookUrl',
		'downloadImages',
	],
} satisfies Partial<NodeEntry>;

export const NODES: NodeEntry[] = [
	{
		id: 'novitaReimagineQwen',
		nodeType: 'novitaReimagine',
		typeVersion: 2,
		displayName: 'Novita Reimagine',
		answers: 'task',
		vendor: 'novita',
		route: `POST ${QWEN_PATH}`,
		example: 'novita-reimagine.json',
		parameters: { engine: 'qwen', options: { pollIntervalSeconds: 0.02 } },
		editorParameters: [
			'engine',
			'inputSource',
			'binaryPropertyName',
			'promptTemplate',
			'seed',
			'responseImageType',
		],
		screenshot: 'novita-reimagine.png',
	},
	{
		id: 'novitaReimagine',
		nodeType: 'novitaReimagine',
		displayName: 'Novita Reimagine',
		answers: 'base64',
		vendor: 'novita',
		route: 'POST /v3/reimagine',
		example: 'novita-reimagine-classic.json',
		parameters: {},
		editorPicks: [{ parameter: 'engine', option: 'Classic Endpoint' }],
		editorParameters: [
			'engine',
			'inputSource',
			'binaryPropertyName',
			'responseImageType',
			'useDedicatedEndpoint',
			'outputBinaryPropertyName',
		],
		screenshot: 'novita-reimagine-classic.png',
	},
	{
		id: 'novitaReplaceBackgroundQwen',
		nodeType: 'novitaReplaceBackground',
		typeVersion: 2,
		displayName: 'Novita Replace Background',
		answers: 'task',
		vendor: 'novita',
		route: `POST ${QWEN_PATH}`,
		example: 'novita-replace-background.json',
		parameters: {
			engine: 'qwen',
			prompt: 'in a warehouse',
			options: { pollIntervalSeconds: 0.02 },
		},
		editorParameters: [
			'engine',
			'inputSource',
			'binaryPropertyName',
			'prompt',
			'promptTemplate',
			'seed',
			'responseImageType',
		],
		screenshot: 'novita-replace-background.png',
	},
	{
		id: 'novitaReplaceBackground',
		nodeType: 'novitaReplaceBackground',
		displayName: 'Novita Replace Background',
		answers: 'base64',
		vendor: 'novita',
		route: 'POST /v3/replace-background',
		example: 'novita-replace-background-classic.json',
		parameters: { prompt: 'in a warehouse' },
		editorPicks: [{ parameter: 'engine', option: 'Classic Endpoint' }],
		editorParameters: [
			'engine',
			'inputSource',
			'binaryPropertyName',
			'prompt',
			'responseImageType',
			'outputBinaryPropertyName',
		],
		screenshot: 'novita-replace-background-classic.png',
	},
	{
		id: 'novitaReimagineKontext',
		nodeType: 'novitaReimagine',
		typeVersion: 2,
		displayName: 'Novita Reimagine',
		answers: 'task',
		vendor: 'novita',
		route: `POST ${KONTEXT_PATHS.pro}`,
		example: 'novita-reimagine-kontext.json',
		parameters: { engine: 'fluxKontextPro', options: { pollIntervalSeconds: 0.02 } },
		editorPicks: [{ parameter: 'engine', option: 'FLUX.1 Kontext Pro' }],
		editorParameters: ['engine', 'inputSource', 'binaryPropertyName', 'promptTemplate', 'seed'],
		screenshot: 'novita-reimagine-kontext.png',
	},
	{
		id: 'novitaReplaceBackgroundSeedream',
		nodeType: 'novitaReplaceBackground',
		typeVersion: 2,
		displayName: 'Novita Replace Background',
		answers: 'urls',
		vendor: 'novita',
		route: `POST ${SEEDREAM_PATH}`,
		example: 'novita-replace-background-seedream.json',
		parameters: { engine: 'seedream45', prompt: 'in a warehouse' },
		editorPicks: [{ parameter: 'engine', option: 'Seedream 4.5' }],
		editorParameters: ['engine', 'inputSource', 'binaryPropertyName', 'prompt', 'promptTemplate'],
		screenshot: 'novita-replace-background-seedream.png',
	},
	{
		id: 'freepikReimagineFlux',
		nodeType: 'freepikReimagineFlux',
		displayName: 'Freepik Reimagine Flux',
		answers: 'urls',
		vendor: 'freepik',
		route: `POST ${TASK_PATH}`,
		example: 'freepik-reimagine-flux.json',
		parameters: {
			aspectRatio: 'original',
			downloadImages: true,
			options: { pollIntervalSeconds: 0.05, maxWaitSeconds: 5 },
		},
		editorParameters: [
			'model',
			'inputSource',
			'prompt',
			'imagination',
			'aspectRatio',
			'webhookUrl',
			'downloadImages',
		],
		screenshot: 'freepik-reimagine-flux.png',
	},
	{
		// The Flux Kontext family: a URL-only field, so the binary input is uploaded first.
		id: 'freepikKontextMax',
		...MAGNIFIC_MODEL,
		route: `POST ${MAGNIFIC_PATHS.fluxKontextMax}`,
		freeApiRoutes: [`POST ${UPLOAD_REQUEST_PATH}`, `GET ${MAGNIFIC_PATHS.fluxKontextMax}/*`],
		example: 'freepik-flux-kontext.json',
		parameters: {
			...MAGNIFIC_MODEL.parameters,
			model: 'fluxKontextMax',
			prompt: 'Put the product on a marble table in soft morning light',
		},
		editorPicks: [{ parameter: 'model', option: 'Flux Kontext Max' }],
		screenshot: 'freepik-flux-kontext.png',
	},
	{
		// Seedream edits: reference images inline as base64, no upload.
		id: 'freepikSeedreamEdit',
		...MAGNIFIC_MODEL,
		route: `POST ${MAGNIFIC_PATHS.seedream45Edit}`,
		freeApiRoutes: [`GET ${MAGNIFIC_PATHS.seedream45Edit}/*`],
		example: 'freepik-seedream-edit.json',
		parameters: {
			...MAGNIFIC_MODEL.parameters,
			model: 'seedream45Edit',
			prompt: 'Turn the scene into a watercolour painting',
		},
		editorPicks: [{ parameter: 'model', option: 'Seedream 4.5 Edit' }],
		screenshot: 'freepik-seedream-edit.png',
	},
	{
		// Nano Banana: reference image objects with URLs, so uploaded first too.
		id: 'freepikNanoBananaPro',
		...MAGNIFIC_MODEL,
		route: `POST ${MAGNIFIC_PATHS.nanoBananaPro}`,
		freeApiRoutes: [`POST ${UPLOAD_REQUEST_PATH}`, `GET ${MAGNIFIC_PATHS.nanoBananaPro}/*`],
		example: 'freepik-nano-banana.json',
		parameters: {
			...MAGNIFIC_MODEL.parameters,
			model: 'nanoBananaPro',
			prompt: 'Show the product on a shelf in a bright modern kitchen',
		},
		editorPicks: [{ parameter: 'model', option: 'Nano Banana Pro Flash' }],
		screenshot: 'freepik-nano-banana.png',
	},
	{
		id: 'openAiEdits',
		...OPENAI_EDITS,
		example: 'openai-image-variation.json',
		parameters: { api: 'edits', imageModel: 'gpt-image-1.5', n: 1 },
		screenshot: 'openai-image-variation.png',
	},
	{
		// gpt-image-2's custom sizes, which only the multipart form carries.
		id: 'openAiEditsCustomSize',
		...OPENAI_EDITS,
		example: 'openai-image-variation-custom-size.json',
		parameters: {
			api: 'edits',
			imageModel: 'gpt-image-2',
			n: 1,
			imageOptions: { size: 'custom', customWidth: 2048, customHeight: 1152 },
			options: { uploadAs: 'multipart' },
		},
		screenshot: 'openai-image-variation-custom-size.png',
	},
	{
		// Several images: the input image and one more from Additional Images.
		id: 'openAiEditsSeveralImages',
		...OPENAI_EDITS,
		example: 'openai-image-variation-several-images.json',
		parameters: {
			api: 'edits',
			imageModel: 'gpt-image-1.5',
			n: 1,
			additionalImages: {
				images: [{ source: 'base64', imageBase64: makePng(48, 32, 2).toString('base64') }],
			},
		},
		editorPicks: [{ parameter: 'inputSource', option: 'All Binary Fields' }],
		editorParameters: ['api', 'inputSource', 'imageModel', 'prompt', 'n'],
		screenshot: 'openai-image-variation-several-images.png',
	},
	{
		// A masked edit: the mask (the size of the registry's 64 × 64 input) from base64.
		id: 'openAiEditsMask',
		...OPENAI_EDITS,
		example: 'openai-image-variation-masked.json',
		parameters: {
			api: 'edits',
			imageModel: 'gpt-image-1.5',
			n: 1,
			maskSource: 'base64',
			maskBase64: maskPng(64, 64).toString('base64'),
		},
		editorPicks: [{ parameter: 'maskSource', option: 'Binary File' }],
		editorParameters: [...OPENAI_EDITS.editorParameters, 'maskSource', 'maskBinaryPropertyName'],
		screenshot: 'openai-image-variation-masked.png',
	},
	{
		id: 'openAiVariations',
		nodeType: 'openAiImageVariation',
		typeVersion: 2,
		displayName: 'OpenAI Image Variation',
		answers: 'both',
		urlAnswers: { parameters: { responseFormat: 'url' } },
		vendor: 'openai',
		route: 'POST /images/variations',
		example: 'openai-image-variation-gateway.json',
		parameters: {
			api: 'variations',
			model: 'dall-e-2',
			n: 1,
			size: '256x256',
			responseFormat: 'b64_json',
		},
		editorPicks: [{ parameter: 'api', option: 'Variations (DALL·E 2, for Gateways)' }],
		editorParameters: ['api', 'inputSource', 'model', 'n', 'size', 'responseFormat'],
		screenshot: 'openai-image-variation-gateway.png',
	},
];

/** Each vendor's server type, for code that drives one vendor's server by name. */
export type VendorServers = { [V in Vendor]: ReturnType<(typeof VENDORS)[V]['server']> };

/** Creates one contract server per vendor (not started). */
export function createVendorServers(): VendorServers {
	return Object.fromEntries(
		Object.entries(VENDORS).map(([vendor, entry]) => [vendor, entry.server()]),
	) as VendorServers;
}

/** A vendor's credential dialog steps, typed as steps (the table's literal types are wider). */
export function credentialForm(vendor: Vendor): CredentialFormStep[] {
	return VENDORS[vendor].credentialForm;
}
