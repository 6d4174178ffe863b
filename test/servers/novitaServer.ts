import type { Handler, RecordedRequest, Reply } from './contractServer';
import { ContractServer } from './contractServer';
import { decodeStrictBase64, generatedImage, serverImageInfo } from './imageData';

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

	reset(): void {
		super.reset();
		this.retired.clear();
		this.imageFileOverride = undefined;
		this.answerFormat = undefined;
	}

	protected rateLimitReply(): Reply {
		return error(429, 'RATE_LIMIT_EXCEEDED', 'rate limit exceeded');
	}

	protected routes(): Record<string, Handler> {
		return {
			'POST /v3/reimagine': (req) => this.imageEndpoint(req, { maxSide: 1024, needsPrompt: false }),
			'POST /v3/replace-background': (req) =>
				this.imageEndpoint(req, { maxPixels: 2048 * 2048, maxSide: 4096, needsPrompt: true }),
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

	protected notFound(): Reply {
		return error(404, 'API_NOT_FOUND', 'api not found');
	}

	private authError(req: RecordedRequest): Reply | undefined {
		const auth = req.headers.authorization;
		if (!auth) return error(400, 'MISSING_API_KEY', 'missing api-key');
		if (auth !== `Bearer ${this.apiKey}`) return error(403, 'INVALID_API_KEY', 'invalid api-key');
		return undefined;
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
