import type { IExecuteFunctions } from 'n8n-workflow';

import type { VendorAdapter } from '../http/vendorError';
import { invalidResponseError } from '../http/vendorError';
import { decodeBase64 } from './base64';
import type { OutputFileFormat } from './sniff';
import { outputFileFormat } from './sniff';

/** Where in a 2xx answer a base64 image was found, for messages and the error's status. */
export interface AnswerField {
	vendor: VendorAdapter;
	/** The field's path in the answer, e.g. "image_file" or "data[0].b64_json". */
	field: string;
	itemIndex: number;
	statusCode: number;
	/** The format the answer says the image is in (output_format), for bytes the sniffer cannot read. */
	declaredFormat?: unknown;
}

/**
 * An image a vendor returned as base64 text in its answer, decoded and recognised from its bytes
 * (its true format and size; a format the sniffer does not know by the answer's declared one), or
 * an error naming the field and what is wrong with it.
 */
export function imageFromAnswer(
	ctx: IExecuteFunctions,
	value: unknown,
	where: AnswerField,
): { buffer: Buffer; info: OutputFileFormat } {
	const fail = (problem: string) =>
		invalidResponseError(
			ctx,
			where.vendor,
			`${where.field} ${problem}`,
			where.itemIndex,
			where.statusCode,
		);
	if (typeof value !== 'string' || !value) throw fail('is missing');
	const decoded = decodeBase64(value);
	if (!decoded) throw fail('is not valid base64');
	const info = outputFileFormat(decoded.buffer, where.declaredFormat);
	if (!info) throw fail('is not a PNG, JPEG or WEBP image');
	return { buffer: decoded.buffer, info };
}
