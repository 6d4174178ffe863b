import type { NovitaModel } from './model';

// POST /v3/async/qwen-image-edit (model-apis-qwen-image-edit): prompt, image ("string": one image), seed,
// output_format. What Novita served first for image editing after it retired the classic endpoints.
export const qwenImageEdit: NovitaModel = {
	engine: 'qwen',
	displayName: 'Qwen Image Edit',
	description:
		'POST /v3/async/qwen-image-edit: what Novita serves for image editing today (asynchronous)',
	model: 'qwen-image-edit',
	path: '/v3/async/qwen-image-edit',
	answer: 'task',
	image: {
		field: 'image',
		list: false,
		count: { min: 1, max: 1 },
		formats: ['png', 'jpeg', 'webp'],
		forms: 'unstated',
	},
	seed: true,
	outputFormatField: 'output_format',
	options: {},
};
