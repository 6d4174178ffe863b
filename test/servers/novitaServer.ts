import { randomUUID } from 'node:crypto';

import type { Handler, RecordedRequest, Reply } from './contractServer';
import { ContractServer } from './contractServer';
import { decodeStrictBase64, fetchBytes, generatedImage, serverImageInfo } from './imageData';
import type { ModelContract, OutputFormat } from './novitaModels';
import { MODEL_CONTRACTS } from './novitaModels';

export const QWEN_PATH = '/v3/async/qwen-image-edit';
export const TASK_RESULT_PATH = '/v3/async/task-result';
export const SEEDREAM_PATH = '/v3/seedream-4.5';
export const KONTEXT_PATHS = {
	dev: '/v3/async/flux-1-kontext-dev',
	pro: '/v3/async/flux-1-kontext-pro',
	max: '/v3/async/flux-1-kontext-max',
};

/** How the next model requests behave (the async ones' tasks; accepts and expiry for all). */
export interface ModelBehaviour {
	/** Task-result polls answering QUEUED / PROCESSING before the task ends. */
	pendingPolls: number;
	/** Set: the task ends this long after it was submitted instead (pendingPolls is ignored). */
	completeAfterMs?: number;
	/** Set: the task ends TASK_STATUS_FAILED with this reason. */
	failReason?: string;
	/** The result URLs have expired by the time they are fetched (403, as a signed URL does). */
	expiredResults?: boolean;
	/** Never ends (for Max Wait and cancellation). */
	stuck?: boolean;
	/** How `image` must be given; a host may take only one of the forms. */
	accepts: 'both' | 'url' | 'base64';
	/** Set: the pending polls answer this status (e.g. TASK_STATUS_UNKNOWN, in Novita's SDK). */
	pendingStatus?: string;
}

/** A model request as the server keeps it: the task of an async model, or a sync model's answer. */
export interface ModelTask {
	id: string;
	/** The model's path, e.g. /v3/async/qwen-image-edit. */
	path: string;
	prompt: string;
	/** The image as received: decoded base64, or fetched from the URL given. */
	image: Buffer;
	imageSentAs: 'url' | 'base64';
	/** Every image as received, in order (the first is `image`). */
	inputs: Array<{ bytes: Buffer; sentAs: 'url' | 'base64' }>;
	/** The body as sent, for tests that check what reached the model. */
	body: Record<string, unknown>;
	seed: number;
	outputFormat: OutputFormat;
	imageCount: number;
	polls: number;
	createdAt: number;
	behaviour: ModelBehaviour;
}

const MODEL_DEFAULT: ModelBehaviour = { pendingPolls: 1, accepts: 'both' };

const IMAGE_TYPES = ['png', 'webp', 'jpeg'];
const MAX_BYTES = 30 * 1024 * 1024;

function error(status: number, reason: string, message: string): Reply {
	return { status, body: { code: status, reason, message, metadata: {} } };
}

/**
 * Novita AI's /v3/reimagine and /v3/replace-background as documented: Bearer auth, strict JSON
 * body validation, `{code, reason, message, metadata}` errors, base64 image answers.
 */
export class NovitaServer extends ContractServer {
	apiKey = 'novita-test-key';

	/** Endpoints this host no longer serves: they answer 404 API_NOT_FOUND. */
	readonly retired = new Set<string>();

	/** The next answers' image_file, overriding the generated image (e.g. invalid base64). */
	imageFileOverride?: string;

	/** Answer in this format whatever was asked (image_type says so truthfully), as a proxy may. */
	answerFormat?: 'png' | 'jpeg' | 'webp';

	/** How the next model requests behave (Qwen Image Edit, FLUX.1 Kontext, Seedream 4.5). */
	models: ModelBehaviour = { ...MODEL_DEFAULT };

	readonly tasks = new Map<string, ModelTask>();

	readonly files = new Map<string, { body: Buffer; type: string }>();

	reset(): void {
		super.reset();
		this.retired.clear();
		this.imageFileOverride = undefined;
		this.answerFormat = undefined;
		this.models = { ...MODEL_DEFAULT };
		this.tasks.clear();
		this.files.clear();
	}

	protected rateLimitReply(): Reply {
		return error(429, 'RATE_LIMIT_EXCEEDED', 'rate limit exceeded');
	}

	protected routes(): Record<string, Handler> {
		return {
			'POST /v3/reimagine': (req) => this.imageEndpoint(req, { maxSide: 1024, needsPrompt: false }),
			'POST /v3/replace-background': (req) =>
				this.imageEndpoint(req, { maxPixels: 2048 * 2048, maxSide: 4096, needsPrompt: true }),
			...Object.fromEntries(
				Object.entries(MODEL_CONTRACTS).map(([path, contract]): [string, Handler] => [
					`POST ${path}`,
					async (req) => await this.modelRequest(req, contract),
				]),
			),
			[`GET ${TASK_RESULT_PATH}`]: (req) => this.taskResult(req),
			'GET /openapi/v1/billing/balance/detail': (req) =>
				this.authError(req) ?? {
					status: 200,
					body: {
						availableBalance: '1000000',
						cashBalance: '800000',
						creditLimit: '200000',
						pendingCharges: '0',
						outstandingInvoices: '0',
					},
				},
		};
	}

	protected matchDynamic(req: RecordedRequest): Handler | undefined {
		if (req.method !== 'GET' || !req.path.startsWith('/files/')) return undefined;
		return (r) => {
			const file = this.files.get(r.path.slice('/files/'.length));
			if (!file) return { status: 404, body: 'Not found' };
			const task = this.tasks.get(r.path.slice('/files/'.length).split('_')[0]);
			if (task?.behaviour.expiredResults)
				return {
					status: 403,
					body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
					headers: { 'content-type': 'application/xml' },
				};
			return { status: 200, body: file.body, headers: { 'content-type': file.type } };
		};
	}

	protected notFound(): Reply {
		return error(404, 'API_NOT_FOUND', 'api not found');
	}

	private authError(req: RecordedRequest): Reply | undefined {
		const auth = req.headers.authorization;
		if (!auth) return error(400, 'MISSING_API_KEY', 'missing api-key');
		if (auth !== `Bearer ${this.apiKey}`) return error(403, 'INVALID_API_KEY', 'invalid api-key');
		return undefined;
	}

	/** One image: an http(s) URL (fetched) or bare base64, as this host accepts them. */
	private async modelImage(
		value: unknown,
		{ field, gif }: ModelContract['image'],
	): Promise<{ bytes: Buffer; sentAs: 'url' | 'base64' } | Reply> {
		if (typeof value !== 'string' || !value)
			return error(400, 'INVALID_REQUEST_BODY', `${field} is required`);
		const isUrl = /^https?:\/\//.test(value);
		if (isUrl ? this.models.accepts === 'base64' : this.models.accepts === 'url')
			return error(
				400,
				'INVALID_IMAGE_FORMAT',
				isUrl ? 'image must be base64 encoded' : 'image must be a url',
			);
		const bytes = isUrl ? await fetchBytes(value) : decodeStrictBase64(value);
		if (!bytes)
			return error(
				400,
				'INVALID_REQUEST_BODY',
				isUrl ? 'failed to download image' : 'image is not valid base64',
			);
		if (bytes.length > MAX_BYTES)
			return error(400, 'IMAGE_FILE_EXCEEDS_MAX_SIZE', 'image file exceeds max size');
		const info = serverImageInfo(bytes);
		if (!info || (info.format === 'gif' && !gif))
			return error(400, 'INVALID_IMAGE_FORMAT', 'invalid image format');
		return { bytes, sentAs: isUrl ? 'url' : 'base64' };
	}

	/** The model's image field: one value, or a list of 1 to its maximum; a refusal names the image. */
	private async modelImages(
		body: Record<string, unknown>,
		contract: ModelContract,
	): Promise<Array<{ bytes: Buffer; sentAs: 'url' | 'base64' }> | Reply> {
		const { field, list, max } = contract.image;
		const value = body[field];
		if (!list) {
			const image = await this.modelImage(value, contract.image);
			return 'bytes' in image ? [image] : image;
		}
		if (!Array.isArray(value) || value.length < 1 || value.length > max)
			return error(400, 'INVALID_REQUEST_BODY', `${field} must be an array of 1 to ${max} images`);
		const images = [];
		for (const [index, one] of value.entries()) {
			const image = await this.modelImage(one, contract.image);
			if (!('bytes' in image)) {
				const reply = image.body as { message: string };
				return value.length > 1
					? { ...image, body: { ...reply, message: `${field}[${index}]: ${reply.message}` } }
					: image;
			}
			images.push(image);
		}
		return images;
	}

	private bodyError(body: Record<string, unknown>, contract: ModelContract): Reply | undefined {
		const known = [contract.image.field, ...Object.keys(contract.fields)];
		const unknown = Object.keys(body).filter((key) => !known.includes(key));
		if (unknown.length)
			return error(400, 'INVALID_REQUEST_BODY', `unknown field(s): ${unknown.join(', ')}`);
		if (typeof body.prompt !== 'string' || !body.prompt.trim())
			return error(400, 'INVALID_REQUEST_BODY', 'prompt is required');
		for (const [name, check] of Object.entries(contract.fields)) {
			const problem = body[name] === undefined ? undefined : check(body[name]);
			if (problem) return error(400, 'INVALID_REQUEST_BODY', problem);
		}
		return undefined;
	}

	/** A model's request: checked strictly, then a task to poll, or the images' URLs at once. */
	private async modelRequest(req: RecordedRequest, contract: ModelContract): Promise<Reply> {
		if (this.retired.has(req.path)) return this.notFound();
		const authError = this.authError(req);
		if (authError) return authError;
		if (!String(req.headers['content-type']).includes('application/json'))
			return error(400, 'INVALID_REQUEST_BODY', 'content type must be application/json');
		const body = req.json as Record<string, unknown> | undefined;
		if (!body || typeof body !== 'object' || Array.isArray(body))
			return error(400, 'INVALID_REQUEST_BODY', 'request body must be a JSON object');
		const invalid = this.bodyError(body, contract);
		if (invalid) return invalid;
		const inputs = await this.modelImages(body, contract);
		if (!Array.isArray(inputs)) return inputs;
		const [image] = inputs;
		const crossCheck = contract.check?.(body, inputs.length);
		if (crossCheck) return error(400, 'INVALID_REQUEST_BODY', crossCheck);
		const format =
			typeof contract.outputFormat === 'string'
				? contract.outputFormat
				: ((body[contract.outputFormat.field] as OutputFormat | undefined) ??
					contract.outputFormat.default);
		const seed = typeof body.seed === 'number' && body.seed !== -1 ? body.seed : 1234567;
		const task: ModelTask = {
			id: randomUUID(),
			path: req.path,
			prompt: body.prompt as string,
			image: image.bytes,
			imageSentAs: image.sentAs,
			inputs,
			body,
			seed,
			outputFormat: format,
			imageCount: contract.imageCount(body),
			polls: 0,
			createdAt: performance.now(),
			behaviour: { ...this.models },
		};
		this.tasks.set(task.id, task);
		if (contract.answer === 'task') return { status: 200, body: { task_id: task.id } };
		return { status: 200, body: { images: this.resultFiles(task).map((file) => file.image_url) } };
	}

	private taskResult(req: RecordedRequest): Reply {
		const authError = this.authError(req);
		if (authError) return authError;
		const id = req.query.get('task_id');
		if (!id) return error(400, 'INVALID_REQUEST_BODY', 'task_id is required');
		const task = this.tasks.get(id);
		if (!task) return error(404, 'TASK_NOT_FOUND', 'task not found');
		task.polls++;
		const { behaviour } = task;
		const pending =
			behaviour.stuck ||
			(behaviour.completeAfterMs === undefined
				? task.polls <= behaviour.pendingPolls
				: performance.now() - task.createdAt < behaviour.completeAfterMs);
		const status = pending
			? (behaviour.pendingStatus ??
				(task.polls === 1 ? 'TASK_STATUS_QUEUED' : 'TASK_STATUS_PROCESSING'))
			: behaviour.failReason
				? 'TASK_STATUS_FAILED'
				: 'TASK_STATUS_SUCCEED';
		const images = status === 'TASK_STATUS_SUCCEED' ? this.resultFiles(task) : [];
		return {
			status: 200,
			body: {
				extra: { seed: String(task.seed), debug_info: {} },
				task: {
					task_id: id,
					task_type: MODEL_CONTRACTS[task.path].taskType,
					status,
					reason: status === 'TASK_STATUS_FAILED' ? behaviour.failReason : '',
					eta: pending ? 5 : 0,
					progress_percent: pending ? 40 : 100,
				},
				images,
				videos: [],
				audios: [],
			},
		};
	}

	/** The request's result images, one file each, at signed-looking URLs that can expire. */
	private resultFiles(task: ModelTask) {
		return Array.from({ length: task.imageCount }, (_, index) => {
			const name = `${task.id}_${index}.${task.outputFormat}`;
			if (!this.files.has(name)) {
				const info = serverImageInfo(task.image);
				const seed = task.seed + index;
				const image = generatedImage(task.outputFormat, info?.width, info?.height, seed);
				this.files.set(name, { body: image, type: `image/${task.outputFormat}` });
			}
			return {
				image_url: `${this.baseUrl}/files/${name}?X-Amz-Expires=3600&X-Amz-Signature=abc`,
				image_url_ttl: 3600,
				image_type: task.outputFormat,
			};
		});
	}

	private imageEndpoint(
		req: RecordedRequest,
		limits: { maxSide: number; maxPixels?: number; needsPrompt: boolean },
	): Reply {
		if (this.retired.has(req.path)) return this.notFound();
		const authError = this.authError(req);
		if (authError) return authError;
		if (!String(req.headers['content-type']).includes('application/json')) {
			return error(400, 'INVALID_REQUEST_BODY', 'content type must be application/json');
		}
		const body = req.json as Record<string, unknown> | undefined;
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			return error(400, 'INVALID_REQUEST_BODY', 'request body must be a JSON object');
		}
		const allowed = new Set(['image_file', 'extra', ...(limits.needsPrompt ? ['prompt'] : [])]);
		const unknown = Object.keys(body).filter((key) => !allowed.has(key));
		if (unknown.length)
			return error(400, 'INVALID_REQUEST_BODY', `unknown field(s): ${unknown.join(', ')}`);
		if (limits.needsPrompt && (typeof body.prompt !== 'string' || !body.prompt.trim())) {
			return error(400, 'INVALID_REQUEST_BODY', 'prompt is required');
		}
		const extra = (body.extra ?? {}) as Record<string, unknown>;
		if (typeof extra !== 'object' || Array.isArray(extra))
			return error(400, 'INVALID_REQUEST_BODY', 'extra must be an object');
		const unknownExtra = Object.keys(extra).filter(
			(key) => !['response_image_type', 'enterprise_plan'].includes(key),
		);
		if (unknownExtra.length)
			return error(
				400,
				'INVALID_REQUEST_BODY',
				`unknown extra field(s): ${unknownExtra.join(', ')}`,
			);
		const imageType = (extra.response_image_type ?? 'png') as string;
		if (!IMAGE_TYPES.includes(imageType)) {
			return error(
				400,
				'INVALID_REQUEST_BODY',
				'extra.response_image_type must be one of png, webp, jpeg',
			);
		}
		const plan = extra.enterprise_plan as Record<string, unknown> | undefined;
		if (plan !== undefined && (typeof plan !== 'object' || typeof plan.enabled !== 'boolean')) {
			return error(400, 'INVALID_REQUEST_BODY', 'extra.enterprise_plan.enabled must be a boolean');
		}
		if (typeof body.image_file !== 'string' || !body.image_file) {
			return error(400, 'INVALID_REQUEST_BODY', 'image_file is required');
		}
		const image = decodeStrictBase64(body.image_file);
		if (!image) return error(400, 'INVALID_REQUEST_BODY', 'image_file is not valid base64');
		if (image.length > MAX_BYTES)
			return error(400, 'IMAGE_FILE_EXCEEDS_MAX_SIZE', 'image file exceeds max size');
		const info = serverImageInfo(image);
		if (!info || info.format === 'gif')
			return error(400, 'INVALID_IMAGE_FORMAT', 'invalid image format');
		if (
			info.width > limits.maxSide ||
			info.height > limits.maxSide ||
			(limits.maxPixels && info.width * info.height > limits.maxPixels)
		) {
			return error(400, 'IMAGE_EXCEEDS_MAX_RESOLUTION', 'image exceeds max resolution');
		}
		const format = this.answerFormat ?? (imageType as 'png');
		const output = generatedImage(format, info.width, info.height, this.requests.length);
		return {
			status: 200,
			body: { image_file: this.imageFileOverride ?? output.toString('base64'), image_type: format },
		};
	}
}
