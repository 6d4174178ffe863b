import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import type { InputImage } from '../../../nodes/shared/image/input';
import { readInputImage } from '../../../nodes/shared/image/input';
import { fixtures, jpegWithMetadata, makePng } from '../../fixtures/images';
import { TEST_NODE } from '../../helpers';

// How an input image is read from n8n's binary data, against a stand-in for n8n's helpers that
// counts what is read: a stored binary is read only as far as its head (256 KB), once; the rest is
// streamed by the upload, and the stream is closed. (Through the engine a head read and a whole
// read look the same.)

const HEAD_BYTES = 256 * 1024;
const STREAM_CHUNK = 64 * 1024;

interface Reads {
	streams: number;
	chunksRead: number;
	destroyed: number;
	metadata: number;
	wholeBuffers: number;
}

function storedContext(
	bytes: Buffer,
	binary: Partial<IBinaryData>,
	parameters: Record<string, unknown> = {},
): { ctx: IExecuteFunctions; reads: Reads } {
	const reads: Reads = { streams: 0, chunksRead: 0, destroyed: 0, metadata: 0, wholeBuffers: 0 };
	const data = { mimeType: 'image/png', data: 'filesystem-v2', ...binary } as IBinaryData;
	function stream() {
		reads.streams++;
		let offset = 0;
		return {
			async *[Symbol.asyncIterator]() {
				while (offset < bytes.length) {
					reads.chunksRead++;
					const chunk = bytes.subarray(offset, offset + STREAM_CHUNK);
					offset += chunk.length;
					yield chunk;
				}
			},
			destroy() {
				reads.destroyed++;
			},
		};
	}
	const values: Record<string, unknown> = {
		inputSource: 'binary',
		binaryPropertyName: 'data',
		...parameters,
	};
	const ctx = {
		getNode: () => TEST_NODE,
		getNodeParameter: (name: string, _index: number, fallback: unknown) =>
			name in values ? values[name] : fallback,
		getInputData: () => [{ json: {}, binary: { data } }],
		helpers: {
			assertBinaryData: () => data,
			getBinaryStream: async () => stream(),
			getBinaryMetadata: async () => {
				reads.metadata++;
				return { fileSize: bytes.length };
			},
			getBinaryDataBuffer: async () => {
				reads.wholeBuffers++;
				return bytes;
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, reads };
}

const OPTIONS = {
	maxDownloadBytes: 1024,
	timeoutMs: 1000,
	retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
} as never;

async function collect(image: InputImage): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const chunk of image.chunks()) parts.push(chunk);
	return Buffer.concat(parts);
}

describe('reading a binary stored by n8n (filesystem, S3 or database mode)', () => {
	const big = makePng(300, 200, 3, 3 * 1024 * 1024);

	it('reads only the head, closes that stream, and takes the size from the item', async () => {
		const { ctx, reads } = storedContext(big, { id: 'filesystem-v2:1', bytes: big.length });
		const image = await readInputImage(ctx, 0, OPTIONS);
		expect(reads).toEqual({
			streams: 1,
			chunksRead: HEAD_BYTES / STREAM_CHUNK,
			destroyed: 1,
			metadata: 0,
			wholeBuffers: 0,
		});
		expect(image).toMatchObject({
			size: big.length,
			info: { format: 'png', width: 300, height: 200 },
		});
		// Only its first kilobyte stays, a copy (for messages): the 256 KB read is not kept.
		expect(image.head).toEqual(big.subarray(0, 1024));
		expect(image.head.buffer.byteLength).toBeLessThan(HEAD_BYTES);
		// The upload streams the file again, from the start.
		expect((await collect(image)).equals(big)).toBe(true);
		expect(reads.streams).toBe(2);
	});

	it('asks n8n for the size only when the item does not carry it', async () => {
		const { ctx, reads } = storedContext(big, { id: 'filesystem-v2:1' });
		const image = await readInputImage(ctx, 0, OPTIONS);
		expect(image.size).toBe(big.length);
		expect(reads.metadata).toBe(1);
	});

	it('a file no larger than the head is read once and then held', async () => {
		const exact = makePng(40, 30, 1, HEAD_BYTES);
		expect(exact.length).toBe(HEAD_BYTES);
		const { ctx, reads } = storedContext(exact, { id: 'filesystem-v2:2', bytes: exact.length });
		const image = await readInputImage(ctx, 0, OPTIONS);
		expect((await collect(image)).equals(exact)).toBe(true);
		expect((await image.buffer()).equals(exact)).toBe(true);
		expect(reads).toMatchObject({ streams: 1, wholeBuffers: 0 });
	});

	it('reads a JPEG whole only when its frame header lies beyond the head', async () => {
		const late = jpegWithMetadata(HEAD_BYTES + 1000);
		const lateRead = storedContext(late, { id: 'a', bytes: late.length });
		const lateImage = await readInputImage(lateRead.ctx, 0, OPTIONS);
		expect(lateImage.info).toMatchObject({ format: 'jpeg', width: 96, height: 64 });
		expect(lateRead.reads.wholeBuffers).toBe(1);

		// Other formats are never read whole, even when their head holds no size.
		const corruptPng = Buffer.from(big);
		corruptPng.write('XXXX', 12, 'latin1');
		for (const bytes of [big, corruptPng]) {
			const { ctx, reads } = storedContext(bytes, { id: 'b', bytes: bytes.length });
			await readInputImage(ctx, 0, OPTIONS);
			expect(reads.wholeBuffers).toBe(0);
		}
	});

	it('a large file that is not an image is read no further than its head', async () => {
		const noise = Buffer.alloc(HEAD_BYTES * 2, 0x41);
		const { ctx, reads } = storedContext(noise, { id: 'c', bytes: noise.length });
		const image = await readInputImage(ctx, 0, OPTIONS);
		expect(image.info).toBeUndefined();
		expect(reads.wholeBuffers).toBe(0);
	});
});

describe('reading a binary held in memory (n8n’s default binary mode)', () => {
	it('uses the bytes n8n holds; no stream, no metadata', async () => {
		const { ctx, reads } = storedContext(fixtures.squarePng, { fileName: 'cat.png' });
		const image = await readInputImage(ctx, 0, OPTIONS);
		expect(reads).toMatchObject({ streams: 0, metadata: 0, wholeBuffers: 1 });
		expect(image).toMatchObject({
			size: fixtures.squarePng.length,
			baseName: 'cat',
		});
		expect((await collect(image)).equals(fixtures.squarePng)).toBe(true);
	});
});

describe('the output file name comes from the input’s, made safe', () => {
	it.each([
		['photo.jpg', 'photo'],
		['My Cat (1).v2.png', 'My_Cat_1_.v2'],
		['C:\\Users\\me\\Pictures\\cat.png', 'cat'],
		['../../etc/cat.png', 'cat'],
		['.hidden.png', 'hidden'],
		['__init__.png', 'init__'],
		['noextension', 'noextension'],
		['.png', 'image'],
		['???.png', 'image'],
		['', 'image'],
		[undefined, 'image'],
	])('%j → %j', async (fileName, baseName) => {
		const { ctx } = storedContext(fixtures.squarePng, { fileName });
		expect((await readInputImage(ctx, 0, OPTIONS)).baseName).toBe(baseName);
	});
});
