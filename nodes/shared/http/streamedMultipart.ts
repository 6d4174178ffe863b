import type { ByteSource, StreamedBody } from './streamedJson';
import { exactChunks, streamedBody } from './streamedJson';

// A multipart/form-data body written while it is sent, the way streamedJson.ts writes JSON: the
// files are read one after another, in chunks, and never held whole; every attempt reads them
// again from the start. The global FormData would hold each file whole as a Blob (and all of them
// at once), which for 16 images of 50 MB is 800 MB per item.

export interface MultipartFile {
	/** The part's name, e.g. "image[]" or "mask". */
	name: string;
	fileName: string;
	type: string;
	bytes: ByteSource;
}

/** A part's name or file name inside its quoted header value (RFC 7578: quotes and line breaks escaped). */
function quoted(value: string): string {
	return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

async function* parts(
	texts: Buffer[],
	files: readonly MultipartFile[],
): AsyncGenerator<Uint8Array> {
	for (const [index, text] of texts.entries()) {
		yield text;
		const file = files[index];
		if (file) yield* exactChunks(file.bytes);
	}
}

/**
 * The fields, then the files in their order, as multipart/form-data with a Content-Length known
 * before the first byte is sent. `boundary` is fixed by tests; it never occurs in the text parts
 * (checked), and in the files only by a chance of about 2^-96.
 */
export function multipartWithStreamedFiles(
	fields: ReadonlyArray<readonly [string, string]>,
	files: readonly MultipartFile[],
	boundary = `----n8nAiImage${Array.from({ length: 24 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}`,
): StreamedBody {
	const texts: string[] = [];
	let text = '';
	for (const [name, value] of fields) {
		if (value.includes(boundary)) throw new Error('multipart: a field holds the boundary');
		text += `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`;
	}
	for (const file of files) {
		text += `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.name)}"; filename="${quoted(file.fileName)}"\r\nContent-Type: ${file.type}\r\n\r\n`;
		texts.push(text);
		text = '\r\n';
	}
	texts.push(`${text}--${boundary}--\r\n`);
	const buffers = texts.map((part) => Buffer.from(part));
	const size =
		buffers.reduce((sum, part) => sum + part.length, 0) +
		files.reduce((sum, file) => sum + file.bytes.size, 0);
	return streamedBody(`multipart/form-data; boundary=${boundary}`, size, () =>
		parts(buffers, files),
	);
}
