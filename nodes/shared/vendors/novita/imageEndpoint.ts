import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import type { ImageOperation } from '../../run/execute';
import { BASE64_IMAGE, jsonWithBase64Image } from '../../http/jsonImageBody';
import { invalidResponseError } from '../../http/vendorError';
import { imageFromAnswer } from '../../image/answerImage';
import { readInputImage } from '../../image/input';
import { imageOutputItem, outputBinaryField } from '../../image/output';
import type { ImageLimits } from '../../image/validate';
import { validateImage } from '../../image/validate';
import type { Choice } from '../../parameters';
import { booleanParameter, choiceOptions, choiceParameter, choiceValues } from '../../parameters';
import { checkedBaseUrl } from '../../http/baseUrl';
import { asObject, asString } from '../../text';
import { NOVITA_CREDENTIAL, novitaVendor } from './errors';

const RESPONSE_IMAGE_TYPES: ReadonlyArray<Choice<'png' | 'webp' | 'jpeg'>> = [
	['PNG', 'png'],
	['WEBP', 'webp'],
	['JPEG', 'jpeg'],
];

export const outputImageTypeProperty: INodeProperties = {
	displayName: 'Output Image Type',
	name: 'responseImageType',
	type: 'options',
	options: choiceOptions(RESPONSE_IMAGE_TYPES),
	default: 'png',
	description:
		'Format of the returned image (extra.response_image_type, or output_format for Qwen Image Edit)',
};

/** The Output Image Type of the item, checked (it can come from an expression). */
export function outputImageType(ctx: IExecuteFunctions, itemIndex: number) {
	return choiceParameter(
		ctx,
		itemIndex,
		outputImageTypeProperty,
		choiceValues(RESPONSE_IMAGE_TYPES),
		{
			fix: 'Choose PNG, WEBP or JPEG, or make the expression resolve to png, webp or jpeg.',
		},
	);
}

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

/** Novita advises a client timeout above 60 s. */
export const NOVITA_TIMEOUT_MS = 120_000;

export function novitaBaseUrl(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
): string {
	return checkedBaseUrl(ctx, credentials.baseUrl, 'Novita AI');
}

/** Shared implementation of the Novita image endpoints: base64 JSON in, base64 image out. */
export function novitaOperation(endpoint: NovitaEndpoint): ImageOperation {
	return {
		credentialType: NOVITA_CREDENTIAL,
		vendor: novitaVendor,
		defaultTimeoutMs: NOVITA_TIMEOUT_MS,
		nodeOptions: {},
		baseUrl: novitaBaseUrl,

		async executeItem(ctx, itemIndex, { api, settings }) {
			const imageType = outputImageType(ctx, itemIndex);
			const dedicated = booleanParameter(ctx, itemIndex, useDedicatedEndpointProperty);
			const outputProperty = outputBinaryField(ctx, itemIndex);
			const extraBody = endpoint.extraBody?.(ctx, itemIndex) ?? {};

			const input = await readInputImage(ctx, itemIndex, settings);
			validateImage(ctx, itemIndex, input, { apiName: endpoint.apiName, ...endpoint.limits });

			const body = {
				...extraBody,
				extra: { response_image_type: imageType, enterprise_plan: { enabled: dedicated } },
			};
			const response = await api.post(
				endpoint.path,
				jsonWithBase64Image({ image_file: BASE64_IMAGE, ...body }, input),
				itemIndex,
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
