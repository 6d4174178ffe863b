import { randomUUID } from 'node:crypto';

import type { Fault, Handler, RecordedRequest, Reply } from './contractServer';
import { ContractServer } from './contractServer';
import { makePng } from '../fixtures/images';
import { fetchBytes, generatedImage, serverImageInfo } from './imageData';
import type { EditRequest } from './openAiEdits';
import { openAiError, parseEditRequest } from './openAiEdits';

const SIZES = ['256x256', '512x512', '1024x1024'];
const FORMATS = ['url', 'b64_json'];
const FIELDS = ['image', 'model', 'n', 'response_format', 'size', 'user'];
const MAX_BYTES = 4 * 1024 * 1024;

const EDIT_MODELS = [
	'gpt-image-1.5',
	'gpt-image-1',
	'gpt-image-1-mini',
	'chatgpt-image-latest',
	'gpt-image-2',
	'gpt-image-2-2026-04-21',
	'gpt-image-2.5-sunburst',
	'gpt-image-2.6-2026-11-01',
	'gpt-image-2.6-sunburst',
	'gpt-image-2.6-flare',
];
/** Models OpenAI knows that cannot edit images. */
const NON_EDIT_MODELS = ['dall-e-3', 'gpt-4o', 'gpt-image-0'];
/** OpenAI's 429 for an account without quota: never worth a retry. */
export const INSUFFICIENT_QUOTA: Fault = {
	kind: 'status',
	status: 429,
	body: {
		error: {
			message: 'You exceeded your current quota, please check your plan and billing details.',
			type: 'insufficient_quota',
			param: null,
			code: 'insufficient_quota',
		},
	},
};

/** A prompt holding this is refused by the moderation, as OpenAI's safety system would. */
export const BLOCKED_PROMPT_WORD = 'forbidden-subject';

/**
 * OpenAI's POST /v1/images/variations as documented (and as gateways still serve it):
 * multipart validation with OpenAI's own messages, `{error: {...}}` bodies, x-request-id,
 * url or b64_json results, URLs served from the same host. And POST /v1/images/edits as OpenAI
 * serves it today (GPT Image models; see openAiEdits.ts for the request's validation).
 */
export class OpenAiServer extends ContractServer {
	apiKey = 'sk-openai-test-key';

	/** Models this host serves for variations; anything else is model_not_found. */
	servedModels = new Set(['dall-e-2']);

	/** Set to make the next successful answers carry revised_prompt. */
	revisedPrompt?: string;

	/** Replaces b64_json in answers (e.g. with garbage). */
	b64Override?: string;

	readonly files = new Map<string, Buffer>();

	/** Models this host serves for edits. */
	editModels = new Set(EDIT_MODELS);

	/** False: the 403 OpenAI answers before an organization is verified for GPT Image models. */
	organizationVerified = true;

	/** False: a gateway that serves only /images/variations. */
	editsServed = true;

	/** Models that refuse a transparent background (OpenAI's sources disagree about gpt-image-2). */
	refusesTransparent = new Set<string>();

	/** True: a gateway that answers /images/edits with data[].url (served here) instead of b64_json. */
	editsAnswerUrls = false;

	/**
	 * Edits answer images of the requested size divided by this: 16 in tests (a 1024×1024 request
	 * answers 64×64, quick to make and check), 1 in the sandbox, where a user sees what was asked for.
	 */
	answerSizeDivisor = 16;

	/** The edit requests as the API understood them (images decoded), in order. */
	readonly edits: EditRequest[] = [];

	private readonly pngCache = new Map<number, Buffer>();

	reset(): void {
		super.reset();
		this.servedModels = new Set(['dall-e-2']);
		this.revisedPrompt = undefined;
		this.b64Override = undefined;
		this.files.clear();
		this.editModels = new Set(EDIT_MODELS);
		this.organizationVerified = true;
		this.editsServed = true;
		this.editsAnswerUrls = false;
		this.refusesTransparent = new Set();
		this.edits.length = 0;
	}

	protected rateLimitReply(): Reply {
		return openAiError(
			429,
			'Rate limit reached for images per minute. Please try again in 1s.',
			'requests',
			'rate_limit_exceeded',
		);
	}

	protected routes(): Record<string, Handler> {
		return {
			'POST /images/variations': (req) => this.variations(req),
			'POST /images/edits': async (req) =>
				this.withRequestId(this.editsServed ? await this.editsReply(req) : this.notFound(req)),
			'GET /models': (req) =>
				this.authError(req) ?? {
					status: 200,
					body: {
						object: 'list',
						data: [...this.servedModels].map((id) => ({ id, object: 'model' })),
					},
				},
		};
	}

	protected matchDynamic(req: RecordedRequest): Handler | undefined {
		if (req.method === 'GET' && req.path.startsWith('/files/')) {
			return (r) => {
				const file = this.files.get(r.path.slice('/files/'.length));
				return file
					? { status: 200, body: file, headers: { 'content-type': 'image/png' } }
					: { status: 404, body: 'Not found' };
			};
		}
		return undefined;
	}

	protected notFound(req: RecordedRequest): Reply {
		return openAiError(
			404,
			`Invalid URL (${req.method} /v1${req.path})`,
			'invalid_request_error',
			null,
		);
	}

	private withRequestId(reply: Reply): Reply {
		return {
			...reply,
			headers: { 'x-request-id': `req_${randomUUID().replace(/-/g, '')}`, ...reply.headers },
		};
	}

	private authError(req: RecordedRequest): Reply | undefined {
		const auth = req.headers.authorization;
		if (!auth?.startsWith('Bearer ')) {
			return openAiError(
				401,
				"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.",
				'invalid_request_error',
				null,
			);
		}
		const key = auth.slice(7);
		if (key !== this.apiKey) {
			const masked = `${key.slice(0, 3)}*****${key.slice(-2)}`;
			return openAiError(
				401,
				`Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
				'invalid_request_error',
				'invalid_api_key',
			);
		}
		return undefined;
	}

	private png(size: number): Buffer {
		let png = this.pngCache.get(size);
		if (!png) {
			png = makePng(size, size, size);
			this.pngCache.set(size, png);
		}
		return png;
	}

	private modelError(model: string): Reply | undefined {
		if (this.editModels.has(model)) {
			if (this.organizationVerified) return undefined;
			return openAiError(
				403,
				`Your organization must be verified to use the model \`${model}\`. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.`,
				'invalid_request_error',
				null,
			);
		}
		if (NON_EDIT_MODELS.includes(model))
			return openAiError(
				400,
				`Invalid value: '${model}'. Value must be one of ${[...this.editModels].map((m) => `'${m}'`).join(', ')}.`,
				'invalid_request_error',
				'invalid_value',
				'model',
			);
		return openAiError(
			404,
			`The model \`${model}\` does not exist or you do not have access to it.`,
			'invalid_request_error',
			'model_not_found',
		);
	}

	private async editsReply(req: RecordedRequest): Promise<Reply> {
		const authError = this.authError(req);
		if (authError) return authError;
		const parsed = await parseEditRequest(req, fetchBytes);
		if ('error' in parsed) return parsed.error;
		const edit = parsed.ok;
		const refused = this.modelError(edit.model);
		if (refused) return refused;
		if (edit.prompt.includes(BLOCKED_PROMPT_WORD))
			return openAiError(
				400,
				'Your request was rejected as a result of our safety system. Your request may contain content that is not allowed by our safety system.',
				'image_generation_user_error',
				'moderation_blocked',
			);
		if (edit.fields.background === 'transparent' && this.refusesTransparent.has(edit.model))
			return openAiError(
				400,
				`Transparent background is not supported for the model '${edit.model}'.`,
				'invalid_request_error',
				'invalid_value',
				'background',
			);
		// Large uploads are not kept when bodies are not recorded (benchmarks).
		if (this.recordBodies) this.edits.push(edit);
		const format =
			(edit.fields.output_format as 'png' | 'jpeg' | 'webp' | 'gif' | 'svg' | undefined) ?? 'png';
		const size =
			edit.fields.size && edit.fields.size !== 'auto' ? String(edit.fields.size) : '1024x1024';
		const [width, height] = size.split('x').map(Number);
		const data = Array.from({ length: edit.n }, (_, index) => {
			const image = generatedImage(
				format,
				width / this.answerSizeDivisor,
				height / this.answerSizeDivisor,
				index + 1,
			);
			const entry: Record<string, string> = {};
			if (this.editsAnswerUrls) {
				const name = `${randomUUID()}.${format}`;
				this.files.set(name, image);
				entry.url = `${this.baseUrl}/files/${name}?se=2026-11-21T12%3A00%3A00Z&sig=abc`;
			} else entry.b64_json = this.b64Override ?? image.toString('base64');
			if (this.revisedPrompt) entry.revised_prompt = this.revisedPrompt;
			return entry;
		});
		const imageTokens = 323 * edit.images.length;
		const textTokens = Math.ceil(edit.prompt.length / 4);
		return {
			status: 200,
			body: {
				created: Math.floor(Date.now() / 1000),
				background: edit.fields.background === 'transparent' ? 'transparent' : 'opaque',
				data,
				output_format: format,
				quality:
					edit.fields.quality && edit.fields.quality !== 'auto' ? edit.fields.quality : 'medium',
				size,
				usage: {
					input_tokens: imageTokens + textTokens,
					input_tokens_details: { image_tokens: imageTokens, text_tokens: textTokens },
					output_tokens: 1056 * edit.n,
					total_tokens: imageTokens + textTokens + 1056 * edit.n,
				},
			},
		};
	}

	private async variations(req: RecordedRequest): Promise<Reply> {
		return this.withRequestId(await this.variationsReply(req));
	}

	private async variationsReply(req: RecordedRequest): Promise<Reply> {
		const authError = this.authError(req);
		if (authError) return authError;
		const form = req.form;
		if (!form) {
			return openAiError(
				400,
				'Invalid Content-Type header (expected multipart/form-data).',
				'invalid_request_error',
				null,
			);
		}
		for (const key of new Set(form.keys())) {
			if (!FIELDS.includes(key))
				return openAiError(
					400,
					`Unrecognized request argument supplied: ${key}`,
					'invalid_request_error',
					null,
				);
		}
		const image = form.get('image');
		if (!(image instanceof Blob)) {
			return openAiError(
				400,
				"Missing required parameter: 'image'.",
				'invalid_request_error',
				'missing_required_parameter',
				'image',
			);
		}
		const model = (form.get('model') as string | null) ?? 'dall-e-2';
		if (!this.servedModels.has(model)) {
			return openAiError(
				404,
				`The model \`${model}\` does not exist or you do not have access to it.`,
				'invalid_request_error',
				'model_not_found',
			);
		}
		const nText = (form.get('n') as string | null) ?? '1';
		const n = Number(nText);
		if (!/^\d+$/.test(nText) || n < 1)
			return openAiError(
				400,
				`${nText} is less than the minimum of 1 - 'n'`,
				'invalid_request_error',
				'integer_below_min_value',
				'n',
			);
		if (n > 10)
			return openAiError(
				400,
				`${nText} is greater than the maximum of 10 - 'n'`,
				'invalid_request_error',
				'integer_above_max_value',
				'n',
			);
		const size = (form.get('size') as string | null) ?? '1024x1024';
		if (!SIZES.includes(size))
			return openAiError(
				400,
				`'${size}' is not one of ${JSON.stringify(SIZES)} - 'size'`,
				'invalid_request_error',
				null,
				'size',
			);
		const format = (form.get('response_format') as string | null) ?? 'url';
		if (!FORMATS.includes(format))
			return openAiError(
				400,
				`'${format}' is not one of ['url', 'b64_json'] - 'response_format'`,
				'invalid_request_error',
				null,
				'response_format',
			);
		const bytes = Buffer.from(await image.arrayBuffer());
		const info = serverImageInfo(bytes);
		if (!info || info.format !== 'png' || bytes.length >= MAX_BYTES) {
			return openAiError(
				400,
				'Uploaded image must be a PNG and less than 4 MB.',
				'invalid_request_error',
				null,
				'image',
			);
		}
		if (info.width !== info.height) {
			return openAiError(
				400,
				`Invalid input image - expected an image with equal width and height, got ${info.width}x${info.height} instead.`,
				'invalid_request_error',
				null,
				'image',
			);
		}
		const side = Number(size.split('x')[0]);
		const png = this.png(side);
		const data = Array.from({ length: n }, () => {
			const entry: Record<string, string> = {};
			if (format === 'b64_json') {
				entry.b64_json = this.b64Override ?? png.toString('base64');
			} else {
				const name = `${randomUUID()}.png`;
				this.files.set(name, png);
				entry.url = `${this.baseUrl}/files/${name}?se=2026-11-21T12%3A00%3A00Z&sig=abc`;
			}
			if (this.revisedPrompt) entry.revised_prompt = this.revisedPrompt;
			return entry;
		});
		return { status: 200, body: { created: Math.floor(Date.now() / 1000), data } };
	}
}
