import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ImageOperation } from '../../shared/run/runner';
import { BASE64_BYTES, jsonWithStreamedBase64 } from '../../shared/http/streamedJson';
import { invalidResponseError } from '../../shared/http/vendorError';
import { imageFromAnswer } from '../../shared/image/answerImage';
import { readInputImage } from '../../shared/image/input';
import { imageOutputItem, outputBinaryField } from '../../shared/image/output';
import { validateImage } from '../../shared/image/validate';
import { booleanParameter } from '../../shared/parameters';
import { asObject, asString } from '../../shared/text';
import {
	NOVITA_CREDENTIAL,
	NOVITA_TIMEOUT_MS,
	novitaBaseUrl,
	novitaVendor,
} from '../transport/api';
import type { NovitaNode } from './parameters';
import { nodePrompt, outputImageType, outputImageTypeProperty } from './parameters';

// The classic endpoint of a Novita node (/v3/reimagine, /v3/replace-background): the image as
// bare base64 in JSON, the image back as base64.

const useDedicatedEndpointProperty: INodeProperties = {
	displayName: 'Use Dedicated Endpoint',
	name: 'useDedicatedEndpoint',
	type: 'boolean',
	default: false,
	displayOptions: { show: { engine: ['classic'] } },
	description:
		'Whether to run the task on your Novita Dedicated Endpoint resources (extra.enterprise_plan.enabled); only for accounts subscribed to Dedicated Endpoints',
};

/** The `extra` fields both classic Novita image endpoints document. */
export const novitaExtraProperties: INodeProperties[] = [
	outputImageTypeProperty,
	useDedicatedEndpointProperty,
];

/** The classic endpoint of `node`: base64 JSON in, base64 image out. */
export function classicOperation(node: NovitaNode): ImageOperation {
	const { path, limits } = node.classic;
	return {
		credential: NOVITA_CREDENTIAL,
		vendor: novitaVendor,
		defaultTimeoutMs: NOVITA_TIMEOUT_MS,
		nodeOptions: {},
		baseUrl: novitaBaseUrl,

		async execute(ctx, itemIndex, { http }) {
			const imageType = outputImageType(ctx, itemIndex);
			const dedicated = booleanParameter(ctx, itemIndex, useDedicatedEndpointProperty);
			const outputProperty = outputBinaryField(ctx, itemIndex);
			// Replace Background's endpoint takes the node's Prompt (required in both SDKs).
			const extraBody: IDataObject = node.prompt
				? { prompt: nodePrompt(ctx, itemIndex, node) }
				: {};

			const input = await readInputImage(ctx, itemIndex, http, node.nodeName);
			validateImage(ctx, itemIndex, input, { apiName: node.nodeName, ...limits });

			const body = {
				...extraBody,
				extra: { response_image_type: imageType, enterprise_plan: { enabled: dedicated } },
			};
			const response = await http.post(
				path,
				jsonWithStreamedBase64({ image_file: BASE64_BYTES, ...body }, input),
				itemIndex,
				'paid',
			);

			const answer = asObject(response.body);
			const imageFile = asString(answer.image_file);
			if (!imageFile) {
				const problem =
					typeof response.body === 'string' ? 'the body is not JSON' : 'it has no image_file';
				throw invalidResponseError(ctx, novitaVendor, problem, itemIndex, response.statusCode);
			}
			const { buffer, info } = imageFromAnswer(ctx, imageFile, {
				vendor: novitaVendor,
				field: 'image_file',
				itemIndex,
				statusCode: response.statusCode,
			});
			return [
				await imageOutputItem(ctx, itemIndex, outputProperty, {
					buffer,
					info,
					fileBaseName: `${input.baseName}-${node.outputSuffix}`,
					json: {
						// The endpoint is the model: "reimagine", "replace-background".
						model: path.slice(path.lastIndexOf('/') + 1),
						image_type: asString(answer.image_type) ?? imageType,
						requestedImageType: imageType,
						attempts: response.attempts,
					},
				}),
			];
		},
	};
}
