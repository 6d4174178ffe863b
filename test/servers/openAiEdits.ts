import type { RecordedRequest, Reply } from './contractServer';
import { serverImageInfo } from './imageData';

// POST /v1/images/edits as OpenAI's API reference defines it (CreateImageEditRequest): both body
// forms, every field's type, enum and range, unknown fields refused, file parts with a filename
// and an image content type. Pure validation; the server adds auth, models and answers. Which
// model takes what is written here from OpenAI's docs (vendor-notes.md), never read from the
// node's model table: a wrong row there must be refused here, not agreed with.

/** gpt-image-2 and later: edges multiples of 16, the longer ≤ 3,840 px and ≤ 3× the shorter, 655,360–8,294,400 px. */
const GPT_IMAGE_2_CUSTOM = {
	multiple: 16,
	maxEdge: 3840,
	maxRatio: 3,
	minPixels: 655_360,
	maxPixels: 8_294_400,
};
const STANDARD_FORMATS = ['png', 'jpeg', 'webp'];

/** What a GPT Image model takes, by its name (dated snapshots as their model); undefined for a name OpenAI does not list. */
function modelRules(
	model: string,
): { customSize?: typeof GPT_IMAGE_2_CUSTOM; outputFormats: string[] } | undefined {
	const name = model.replace(/-\d{4}-\d{2}-\d{2}$/, '');
	if (['gpt-image-1', 'gpt-image-1.5', 'gpt-image-1-mini', 'chatgpt-image-latest'].includes(name))
		return { outputFormats: STANDARD_FORMATS };
	if (name === 'gpt-image-2' || model.startsWith('gpt-image-2.5-'))
		return { customSize: GPT_IMAGE_2_CUSTOM, outputFormats: STANDARD_FORMATS };
	if (model.startsWith('gpt-image-2.6-'))
		return { customSize: GPT_IMAGE_2_CUSTOM, outputFormats: [...STANDARD_FORMATS, 'gif', 'svg'] };
	return undefined;
}

export function openAiError(
	status: number,
	message: string,
	type: string,
	code: string | null,
	param: string | null = null,
): Reply {
	return { status, body: { error: { message, type, param, code } } };
}

const invalid = (message: string, code: string | null, param: string | null) =>
	openAiError(400, message, 'invalid_request_error', code, param);

export const EDIT_ENUMS: Record<string, string[]> = {
	size: ['auto', '1024x1024', '1536x1024', '1024x1536'],
	quality: ['auto', 'low', 'medium', 'high', 'xhigh', 'max'],
	complexity: ['low', 'medium', 'high'],
	background: ['auto', 'transparent', 'opaque'],
	output_format: ['png', 'jpeg', 'webp', 'gif', 'svg'],
	input_fidelity: ['high', 'low'],
	moderation: ['auto', 'low'],
};
const INTEGERS: Record<string, [min: number, max: number]> = {
	n: [1, 10],
	output_compression: [0, 100],
	partial_images: [0, 3],
};
const STRINGS = ['prompt', 'model', 'user'];
/** A WIDTHxHEIGHT size, which the multipart form takes for the models that take any size. */
const CUSTOM_SIZE = /^(\d+)x(\d+)$/;
/** Fields of the JSON form (EditImageBodyJsonParam) that the multipart form does not have. */
const JSON_ONLY = new Set(['moderation']);
const FIELDS = new Set([
	...Object.keys(EDIT_ENUMS),
	...Object.keys(INTEGERS),
	...STRINGS,
	'stream',
]);
/** "Must be a valid PNG file, less than 4MB, and have the same dimensions as image." */
const MAX_MASK_BYTES = 4 * 1024 * 1024;
export const MAX_IMAGE_URL_CHARS = 20_971_520;
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const MAX_IMAGES = 16;
const MAX_PROMPT = 32_000;
const FILE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/** One input image as the server received it. */
export interface EditImage {
	bytes: Buffer;
	/** How it came: a file part, a data: URL, or an http(s) URL the server fetched. */
	via: 'file' | 'data-url' | 'url';
	/** The file part's name and type, or the data: URL's type, or the fetched URL. */
	name?: string;
	type?: string;
}

export interface EditRequest {
	form: 'json' | 'multipart';
	images: EditImage[];
	/** The mask, when one was sent: a file part `mask`, or `mask: {image_url}` in JSON. */
	mask?: EditImage;
	prompt: string;
	model: string;
	n: number;
	fields: Record<string, string | number | boolean>;
}

type Parsed<T> = { ok: T } | { error: Reply };

function checkFields(
	fields: Record<string, unknown>,
	multipart: boolean,
): Parsed<EditRequest['fields']> {
	const out: EditRequest['fields'] = {};
	for (const [name, raw] of Object.entries(fields)) {
		if (!FIELDS.has(name) || (multipart && JSON_ONLY.has(name)))
			return {
				error: invalid(
					`Unrecognized request argument supplied: ${name}`,
					'unknown_parameter',
					name,
				),
			};
		let value: unknown = raw;
		if (INTEGERS[name]) {
			if (multipart && typeof raw === 'string' && /^-?\d+$/.test(raw)) value = Number(raw);
			if (typeof value !== 'number' || !Number.isInteger(value))
				return {
					error: invalid(
						`Invalid type for '${name}': expected an integer, but got ${typeof raw} instead.`,
						'invalid_type',
						name,
					),
				};
			const [min, max] = INTEGERS[name];
			if (value < min)
				return {
					error: invalid(
						`Invalid '${name}': integer below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
						'integer_below_min_value',
						name,
					),
				};
			if (value > max)
				return {
					error: invalid(
						`Invalid '${name}': integer above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
						'integer_above_max_value',
						name,
					),
				};
		} else if (name === 'stream') {
			if (multipart && (raw === 'true' || raw === 'false')) value = raw === 'true';
			if (typeof value !== 'boolean')
				return {
					error: invalid(`Invalid type for 'stream': expected a boolean.`, 'invalid_type', name),
				};
		} else if (typeof value !== 'string') {
			return {
				error: invalid(
					`Invalid type for '${name}': expected a string, but got ${Array.isArray(value) ? 'an array' : typeof value} instead.`,
					'invalid_type',
					name,
				),
			};
		} else if (name === 'size' && multipart && CUSTOM_SIZE.test(value)) {
			// Checked against the model's rule with the other combinations.
		} else if (EDIT_ENUMS[name] && !EDIT_ENUMS[name].includes(value)) {
			return {
				error: invalid(
					`Invalid value: '${value}'. Supported values are: ${EDIT_ENUMS[name].map((v) => `'${v}'`).join(', ')}.`,
					'invalid_value',
					name,
				),
			};
		}
		out[name] = value as string | number | boolean;
	}
	return { ok: out };
}

/** A WIDTHxHEIGHT size against the model's rule, as OpenAI words its refusals. */
function customSizeError(request: EditRequest): Reply | undefined {
	const match = CUSTOM_SIZE.exec(String(request.fields.size ?? ''));
	if (!match || EDIT_ENUMS.size.includes(match[0])) return undefined;
	const rule = modelRules(request.model)?.customSize;
	const size = String(request.fields.size);
	if (!rule)
		return invalid(
			`Invalid value: '${size}'. Supported values are: ${EDIT_ENUMS.size.map((v) => `'${v}'`).join(', ')}.`,
			'invalid_value',
			'size',
		);
	const [width, height] = [Number(match[1]), Number(match[2])];
	const broken = [
		width % rule.multiple === 0 && height % rule.multiple === 0
			? undefined
			: `both dimensions must be multiples of ${rule.multiple}`,
		Math.max(width, height) <= rule.maxEdge
			? undefined
			: `the maximum edge length is ${rule.maxEdge}px`,
		Math.max(width, height) / Math.min(width, height) <= rule.maxRatio
			? undefined
			: `the aspect ratio must not exceed ${rule.maxRatio}:1`,
		width * height >= rule.minPixels && width * height <= rule.maxPixels
			? undefined
			: `the total pixel count must be between ${rule.minPixels} and ${rule.maxPixels}`,
	].find(Boolean);
	return broken ? invalid(`Invalid size '${size}': ${broken}.`, 'invalid_size', 'size') : undefined;
}

function checkCombinations(request: EditRequest): Reply | undefined {
	const format = (request.fields.output_format as string | undefined) ?? 'png';
	const family = modelRules(request.model);
	if (family?.outputFormats && !family.outputFormats.includes(format))
		return invalid(
			`Invalid value: '${format}'. The output format '${format}' is not supported by ${request.model}.`,
			'invalid_value',
			'output_format',
		);
	const sizeError = customSizeError(request);
	if (sizeError) return sizeError;
	if (request.fields.output_compression !== undefined && !['jpeg', 'webp'].includes(format))
		return invalid(
			"Invalid value for 'output_compression': compression is only supported for the jpeg and webp output formats.",
			'invalid_value',
			'output_compression',
		);
	if (request.fields.background === 'transparent' && format === 'jpeg')
		return invalid(
			"Transparent background is not supported for the 'jpeg' output format; use 'png' or 'webp'.",
			'invalid_value',
			'background',
		);
	if (request.fields.input_fidelity === 'high' && request.model === 'gpt-image-1-mini')
		return invalid(
			"Invalid value: 'high'. 'input_fidelity' is not supported by gpt-image-1-mini; use 'low'.",
			'invalid_value',
			'input_fidelity',
		);
	// As a user reported it from OpenAI.
	if (request.fields.input_fidelity !== undefined && /^gpt-image-2(-|$)/.test(request.model))
		return invalid(
			`The model '${request.model}' does not support the 'input_fidelity' parameter.`,
			'invalid_input_fidelity_model',
			'input_fidelity',
		);
	const extended = /^gpt-image-2\.[56]-/.test(request.model);
	if (!extended && ['xhigh', 'max'].includes(String(request.fields.quality)))
		return invalid(
			`Invalid value: '${request.fields.quality}'. Quality '${request.fields.quality}' is not supported by ${request.model}.`,
			'invalid_value',
			'quality',
		);
	if (!extended && request.fields.complexity !== undefined)
		return invalid(
			`'complexity' is not supported by ${request.model}.`,
			'unsupported_parameter',
			'complexity',
		);
	if (!request.prompt)
		return invalid("Missing required parameter: 'prompt'.", 'missing_required_parameter', 'prompt');
	if (request.prompt.length > MAX_PROMPT)
		return invalid(
			`Invalid 'prompt': string too long. Expected a string with maximum length ${MAX_PROMPT}, but got a string with length ${request.prompt.length} instead.`,
			'string_above_max_length',
			'prompt',
		);
	return undefined;
}

/** Checks an image's bytes the way the API does: PNG, JPEG or WEBP under 50 MB. */
export function imageProblem(image: EditImage, index: number): Reply | undefined {
	const info = serverImageInfo(image.bytes);
	if (!info || info.format === 'gif')
		return invalid(
			`Invalid image file or mode for image ${index + 1}, please check your image file.`,
			'invalid_image_file',
			'image',
		);
	if (image.bytes.length >= MAX_FILE_BYTES)
		return invalid(
			`Image ${index + 1} is too large: ${image.bytes.length} bytes. Images must be less than 50 MB.`,
			'image_too_large',
			'image',
		);
	return undefined;
}

/**
 * Whether a PNG has an alpha channel, read here from the PNG specification (IHDR colour type 4 or
 * 6, or a tRNS chunk before the first IDAT), not by the node's sniffer.
 */
function pngHasAlpha(bytes: Buffer): boolean {
	if (bytes.length < 26) return false;
	if (bytes[25] === 4 || bytes[25] === 6) return true;
	let at = 8;
	while (at + 8 <= bytes.length) {
		const type = bytes.toString('latin1', at + 4, at + 8);
		if (type === 'tRNS') return true;
		if (type === 'IDAT') return false;
		at += bytes.readUInt32BE(at) + 12;
	}
	return false;
}

/** The mask as OpenAI checks it, with the messages OpenAI answers. */
function maskProblem(request: EditRequest): Reply | undefined {
	const { mask } = request;
	if (!mask) return undefined;
	const info = serverImageInfo(mask.bytes);
	if (!info || info.format !== 'png')
		return invalid(
			'Invalid mask image format - mask must be a PNG file.',
			'invalid_image_format',
			'mask',
		);
	if (mask.bytes.length >= MAX_MASK_BYTES)
		return invalid(
			`Mask is too large: ${mask.bytes.length} bytes. Masks must be less than 4 MB.`,
			'image_too_large',
			'mask',
		);
	if (!pngHasAlpha(mask.bytes))
		return invalid(
			'Invalid mask image format - mask must have an alpha channel (transparent areas mark the edit).',
			'invalid_image_format',
			'mask',
		);
	const first = serverImageInfo(request.images[0].bytes);
	if (first && (first.width !== info.width || first.height !== info.height))
		return invalid(
			'Invalid mask image format - mask size does not match image size.',
			'invalid_image_format',
			'mask',
		);
	return undefined;
}

const DATA_URL = /^data:(image\/[a-z+.-]+);base64,([A-Za-z0-9+/]*={0,2})$/;

async function imageFromUrl(
	value: unknown,
	index: number,
	fetchUrl: (url: string) => Promise<Buffer | undefined>,
): Promise<Parsed<EditImage>> {
	const param = index < 0 ? 'mask.image_url' : `images[${index}].image_url`;
	if (typeof value !== 'string')
		return {
			error: invalid(`Invalid type for '${param}': expected a string.`, 'invalid_type', param),
		};
	if (value.length > MAX_IMAGE_URL_CHARS)
		return {
			error: invalid(
				`Invalid '${param}': string too long. Expected a string with maximum length ${MAX_IMAGE_URL_CHARS}, but got a string with length ${value.length} instead.`,
				'string_above_max_length',
				param,
			),
		};
	if (value.startsWith('data:')) {
		const match = DATA_URL.exec(value);
		if (!match || match[2].length % 4 !== 0)
			return {
				error: invalid(
					`Invalid '${param}': not a valid base64 data URL.`,
					'invalid_image_url',
					param,
				),
			};
		return { ok: { bytes: Buffer.from(match[2], 'base64'), via: 'data-url', type: match[1] } };
	}
	if (!/^https?:\/\//.test(value))
		return {
			error: invalid(
				`Invalid '${param}': expected an http(s) or data: URL.`,
				'invalid_image_url',
				param,
			),
		};
	const bytes = await fetchUrl(value);
	if (!bytes)
		return { error: invalid(`Error while downloading ${value}.`, 'invalid_image_url', param) };
	return { ok: { bytes, via: 'url', name: value } };
}

async function parseJson(
	body: unknown,
	fetchUrl: (url: string) => Promise<Buffer | undefined>,
): Promise<Parsed<EditRequest>> {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return { error: invalid('We could not parse the JSON body of your request.', null, null) };
	const { images, mask, ...rest } = body as Record<string, unknown>;
	if (!Array.isArray(images) || images.length === 0)
		return {
			error: invalid(
				"Missing required parameter: 'images'.",
				'missing_required_parameter',
				'images',
			),
		};
	if (images.length > MAX_IMAGES)
		return {
			error: invalid(
				`Invalid 'images': array too long. Expected an array with maximum length ${MAX_IMAGES}, but got an array with length ${images.length} instead.`,
				'array_above_max_length',
				'images',
			),
		};
	const parsed: EditImage[] = [];
	for (const [index, entry] of images.entries()) {
		const keys = typeof entry === 'object' && entry !== null ? Object.keys(entry) : [];
		if (keys.length !== 1 || !['image_url', 'file_id'].includes(keys[0]))
			return {
				error: invalid(
					`Invalid 'images[${index}]': expected an object with exactly one of 'image_url' or 'file_id'.`,
					'invalid_value',
					`images[${index}]`,
				),
			};
		if (keys[0] === 'file_id')
			return {
				error: invalid(
					`No such File object: ${String((entry as Record<string, unknown>).file_id)}`,
					null,
					`images[${index}].file_id`,
				),
			};
		const image = await imageFromUrl((entry as Record<string, unknown>).image_url, index, fetchUrl);
		if ('error' in image) return image;
		parsed.push(image.ok);
	}
	const fields = checkFields(rest, false);
	if ('error' in fields) return fields;
	let maskImage: EditImage | undefined;
	if (mask !== undefined) {
		const keys = typeof mask === 'object' && mask !== null ? Object.keys(mask) : [];
		if (keys.length !== 1 || keys[0] !== 'image_url')
			return {
				error: invalid(
					"Invalid 'mask': expected an object with 'image_url' or 'file_id'.",
					'invalid_value',
					'mask',
				),
			};
		const read = await imageFromUrl((mask as Record<string, unknown>).image_url, -1, fetchUrl);
		if ('error' in read) return read;
		maskImage = read.ok;
	}
	return { ok: { ...request('json', parsed, fields.ok), mask: maskImage } };
}

function request(
	form: EditRequest['form'],
	images: EditImage[],
	all: EditRequest['fields'],
): EditRequest {
	const { prompt, model, n, ...fields } = all;
	return {
		form,
		images,
		prompt: typeof prompt === 'string' ? prompt : '',
		model: typeof model === 'string' ? model : 'gpt-image-1.5',
		n: typeof n === 'number' ? n : 1,
		fields,
	};
}

async function parseMultipart(form: FormData): Promise<Parsed<EditRequest>> {
	const images: EditImage[] = [];
	const fields: Record<string, unknown> = {};
	let mask: EditImage | undefined;
	for (const [name, value] of form.entries()) {
		if (name === 'mask') {
			if (!(value instanceof File) || !value.name || mask)
				return {
					error: invalid(
						"Invalid file 'mask': expected one file upload with a filename.",
						'invalid_file',
						'mask',
					),
				};
			mask = {
				bytes: Buffer.from(await value.arrayBuffer()),
				via: 'file',
				name: value.name,
				type: value.type,
			};
		} else if (name === 'image[]' || name === 'image') {
			if (!(value instanceof File) || !value.name)
				return {
					error: invalid(
						`Invalid file '${name}': expected a file upload with a filename.`,
						'invalid_file',
						name,
					),
				};
			if (!FILE_TYPES.includes(value.type))
				return {
					error: invalid(
						`Invalid file '${name}': unsupported mimetype ('${value.type}'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.`,
						'unsupported_file_mimetype',
						name,
					),
				};
			images.push({
				bytes: Buffer.from(await value.arrayBuffer()),
				via: 'file',
				name: value.name,
				type: value.type,
			});
		} else if (name in fields) {
			return { error: invalid(`Duplicate parameter: '${name}'.`, 'invalid_value', name) };
		} else if (typeof value !== 'string') {
			return {
				error: invalid(
					`Invalid type for '${name}': expected a string, but got a file instead.`,
					'invalid_type',
					name,
				),
			};
		} else {
			fields[name] = value;
		}
	}
	if (images.length === 0)
		return {
			error: invalid("Missing required parameter: 'image'.", 'missing_required_parameter', 'image'),
		};
	if (images.length > MAX_IMAGES)
		return {
			error: invalid(`Too many images: at most ${MAX_IMAGES}.`, 'array_above_max_length', 'image'),
		};
	const checked = checkFields(fields, true);
	if ('error' in checked) return checked;
	return { ok: { ...request('multipart', images, checked.ok), mask } };
}

/** The request as the API understands it, or the error the API answers. */
export async function parseEditRequest(
	req: RecordedRequest,
	fetchUrl: (url: string) => Promise<Buffer | undefined>,
): Promise<Parsed<EditRequest>> {
	const type = req.headers['content-type'] ?? '';
	let parsed: Parsed<EditRequest>;
	if (type.startsWith('application/json')) {
		if (req.json === undefined)
			return { error: invalid('We could not parse the JSON body of your request.', null, null) };
		parsed = await parseJson(req.json, fetchUrl);
	} else if (type.startsWith('multipart/form-data')) {
		if (!req.form) return { error: invalid('Could not parse multipart form.', null, null) };
		parsed = await parseMultipart(req.form);
	} else {
		return {
			error: invalid(
				'Invalid Content-Type header (expected application/json or multipart/form-data).',
				null,
				null,
			),
		};
	}
	if ('error' in parsed) return parsed;
	const problem =
		checkCombinations(parsed.ok) ??
		parsed.ok.images.map((image, index) => imageProblem(image, index)).find(Boolean) ??
		maskProblem(parsed.ok);
	return problem ? { error: problem } : parsed;
}
