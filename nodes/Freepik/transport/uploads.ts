import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { exactChunks, streamedBody } from '../../shared/http/streamedJson';
import type { VendorAdapter } from '../../shared/http/vendorError';
import { invalidResponseError } from '../../shared/http/vendorError';
import type { InputImage } from '../../shared/image/input';
import { asObject, asString, plainText } from '../../shared/text';
import { freepikVendor } from './api';

// Magnific's Upload Files API, for the models whose image fields take URLs only: POST
// /v1/ai/uploads/request-url names the files' types and answers, per file, a short-lived signed
// upload_url with the headers it was signed with, and the asset_url to pass on. The bytes go to
// upload_url in a PUT with exactly those headers and without the API key (the request goes to
// storage, "authorized by the signed URL"), streamed from n8n's binary store.

export const UPLOAD_URL_PATH = '/v1/ai/uploads/request-url';
/** "You can request up to 14 files in a single call" (the models here take at most 5 images). */
const FILES_PER_REQUEST = 14;

export interface UploadFile {
	image: InputImage;
	/** image/png, image/jpeg or image/webp: what the upload is signed for. */
	contentType: string;
}

export interface UploadSlot {
	uploadUrl: string;
	headers: Record<string, string>;
	assetUrl: string;
}

/** How the storage's refusals read (XML or plain text, a signature that has expired). */
export const magnificStorage: VendorAdapter = {
	name: 'Magnific upload storage',
	parseError: (status, body) => ({
		message: plainText(body) ?? `the storage answered HTTP ${status}`,
	}),
	hint: (failure) =>
		failure.status === 400 || failure.status === 403
			? 'The signed upload URL was refused: it lives about 2 minutes and is signed for the file type and headers Magnific gave. Run the node again; nothing was generated or paid for.'
			: undefined,
};

/** The answer's files, one per file asked for, each with an upload URL, its headers and an asset URL. */
export function uploadSlots(
	ctx: IExecuteFunctions,
	body: unknown,
	count: number,
	itemIndex: number,
	statusCode: number,
): UploadSlot[] {
	const files = asObject(body).files;
	const slots = (Array.isArray(files) ? files : []).map((file) => {
		const entry = asObject(file);
		const headers = Object.entries(asObject(entry.headers)).filter(
			(pair): pair is [string, string] => typeof pair[1] === 'string',
		);
		return {
			uploadUrl: asString(entry.upload_url) ?? '',
			headers: Object.fromEntries(headers),
			assetUrl: asString(entry.asset_url) ?? '',
		};
	});
	const complete = slots.filter((slot) => slot.uploadUrl && slot.assetUrl).length;
	if (slots.length !== count || complete !== count)
		throw invalidResponseError(
			ctx,
			freepikVendor,
			`the upload request answered ${complete} complete files for ${count} asked for`,
			itemIndex,
			statusCode,
		);
	return slots;
}

/** The request for upload URLs, one per file, in order. */
export function uploadUrlRequest(files: UploadFile[]): IDataObject {
	if (files.length > FILES_PER_REQUEST)
		throw new Error(`Magnific takes at most ${FILES_PER_REQUEST} files per upload request`);
	return { files: files.map((file) => ({ content_type: file.contentType })) };
}

/** A file's bytes as its PUT sends them: streamed, re-read from the start on a retry. */
export function uploadBody(file: UploadFile) {
	return streamedBody(file.contentType, file.image.size, () => exactChunks(file.image));
}
