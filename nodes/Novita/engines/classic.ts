import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ImageOperation } from '../../shared/run/runner';
import { BASE64_BYTES, jsonWithStreamedBase64 } from '../../shared/http/streamedJson';
import { invalidResponseError } from '../../shared/http/vendorError';
import { imageFromAnswer } from '../../shared/image/answerImage';
import { readInputImage } from '../../shared/image/input';
import { imageOutputItem, outputBinaryField } from '../../shared/image/output';
import type { ImageLimits } from '../../shared/image/validate';
import { validateImage } from '../../shared/image/validate';
import { booleanParameter } from '../../shared/parameters';
import { asObject, asString } from '../../shared/text';
import { NOVITA_CREDENTIAL } from '../transport/credential';
import { novitaVendor } from '../transport/errors';
import { NOVITA_TIMEOUT_MS, novitaBaseUrl } from '../transport/host';
import { outputImageType, outputImageTypeProperty } from './parameters';

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

export interface NovitaEndpoint {
	path: string;
	/** Name used in messages, e.g. "Novita Reimagine". */
	apiName: string;
	/** Appended to the input file name for the output, e.g. "reimagined". */
	outputSuffix: string;
	limits: Omit<ImageLimits, 'apiName'>;
	/** Endpoint-specific body fields, read and checked before the upload. */
	extraBody?: (ctx: IExecuteFunctions, itemIndex: number) => IDataObject;
}

/** Shared implementation of the Novita image endpoints: base64 JSON in, base64 image out. */
export function novitaOperation(endpoint: NovitaEndpoint): ImageOperation {
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
			const extraBody = endpoint.extraBody?.(ctx, itemIndex) ?? {};

			const input = await readInputImage(ctx, itemIndex, http);
			validateImage(ctx, itemIndex, input, { apiName: endpoint.apiName, ...endpoint.limits });

			const body = {
				...extraBody,
				extra: { response_image_type: imageType, enterprise_plan: { enabled: dedicated } },
			};
			const response = await http.post(
				endpoint.path,
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
					fileBaseName: `${input.baseName}-${endpoint.outputSuffix}`,
					json: {
						// The endpoint is the model: "reimagine", "replace-background".
						model: endpoint.path.slice(endpoint.path.lastIndexOf('/') + 1),
						image_type: asString(answer.image_type) ?? imageType,
						requestedImageType: imageType,
						attempts: response.attempts,
					},
				}),
			];
		},
	};
}
