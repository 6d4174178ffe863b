import type { InputImage } from '../../../nodes/shared/image/input';
import { BASE64_BYTES, jsonWithStreamedBase64 } from '../../../nodes/shared/http/streamedJson';

/** An input image whose chunks() yields `bytes` in pieces of `chunk` bytes. */
function image(bytes: Buffer, chunk: number, size = bytes.length): InputImage {
	return {
		size,
		head: bytes.subarray(0, 8),
		baseName: 'image',
		chunks: async function* () {
			for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
		},
		buffer: async () => bytes,
	};
}

async function read(parts: AsyncIterable<Uint8Array>): Promise<Buffer> {
	const buffers: Uint8Array[] = [];
	for await (const part of parts) buffers.push(part);
	return Buffer.concat(buffers);
}

describe('jsonWithStreamedBase64', () => {
	const fields = {
		prompt: 'a “quoted” prompt\n',
		extra: { response_image_type: 'png', enterprise_plan: { enabled: false } },
	};

	it.each([0, 1, 2, 3, 4, 5, 100, 1001])(
		'%d bytes in every chunking give the exact JSON and size',
		async (length) => {
			const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 37 + 11) % 256));
			for (const chunk of [1, 2, 3, 4, 7, 64, 4096]) {
				const body = jsonWithStreamedBase64(
					{ image_file: BASE64_BYTES, ...fields },
					image(bytes, chunk),
				);
				const sent = await read(body.stream());
				expect(sent.length).toBe(body.size);
				expect(JSON.parse(sent.toString('utf8'))).toEqual({
					image_file: bytes.toString('base64'),
					...fields,
				});
			}
		},
	);

	it('has the shape of a Blob, so that axios sends it with a Content-Length, and reads afresh each time', async () => {
		const body = jsonWithStreamedBase64({ image: BASE64_BYTES }, image(Buffer.from('hello'), 2));
		expect(Object.prototype.toString.call(body)).toBe('[object Blob]');
		expect(body.type).toBe('application/json');
		const first = (await read(body.stream())).toString();
		expect(first).toBe('{"image":"aGVsbG8="}');
		expect((await read(body.stream())).toString()).toBe(first);
		expect(Buffer.from(await body.arrayBuffer()).toString()).toBe(first);
	});

	it('puts the base64 text inside a longer string, such as a data: URL nested in an array', async () => {
		const bytes = Buffer.from('hello, world');
		const body = jsonWithStreamedBase64(
			{ model: 'm', images: [{ image_url: `data:image/png;base64,${BASE64_BYTES}` }], n: 3 },
			image(bytes, 5),
		);
		const sent = await read(body.stream());
		expect(sent.length).toBe(body.size);
		expect(JSON.parse(sent.toString('utf8'))).toEqual({
			model: 'm',
			images: [{ image_url: `data:image/png;base64,${bytes.toString('base64')}` }],
			n: 3,
		});
	});

	// A body that held every chunk back until the end would send the same bytes, so only the order
	// of reading and sending shows that it streams.
	it('sends the base64 of each chunk before it reads the next chunk', async () => {
		const bytes = Buffer.alloc(3000, 7);
		let pulled = 0;
		const counted: InputImage = {
			...image(bytes, 300),
			chunks: async function* () {
				for (let i = 0; i < bytes.length; i += 300) {
					pulled++;
					yield bytes.subarray(i, i + 300);
				}
			},
		};
		const pulledAtEachPart: number[] = [];
		for await (const part of jsonWithStreamedBase64({ image: BASE64_BYTES }, counted).stream()) {
			expect(part.length).toBeGreaterThan(0);
			pulledAtEachPart.push(pulled);
		}
		expect(pulledAtEachPart).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]);
	});

	// A base64 text over 128 KB is a large-object string that only a full collection frees: a big
	// chunk is encoded in slices whose texts stay under it (P4 in docs/benchmarks.md).
	it('encodes a 192 KB chunk in slices of at most 64 KB of base64, in order', async () => {
		const bytes = Buffer.from(Array.from({ length: 3 * 64 * 1024 + 2 }, (_, i) => (i * 7) % 256));
		const parts: Buffer[] = [];
		for await (const part of jsonWithStreamedBase64(
			{ image: BASE64_BYTES },
			image(bytes, 3 * 64 * 1024),
		).stream())
			parts.push(Buffer.from(part));
		const sizes = parts.slice(1, -1).map((part) => part.length);
		expect(Math.max(...sizes)).toBe(64 * 1024);
		expect(sizes.length).toBeGreaterThanOrEqual(4);
		expect(JSON.parse(Buffer.concat(parts).toString()).image).toBe(bytes.toString('base64'));
	});

	it('refuses a document whose markers do not match its images one for one', () => {
		const bytes = Buffer.from('x');
		expect(() => jsonWithStreamedBase64({ image: 'x' }, image(bytes, 1))).toThrow(
			'once per image (1)',
		);
		expect(() =>
			jsonWithStreamedBase64({ a: BASE64_BYTES, b: BASE64_BYTES }, image(bytes, 1)),
		).toThrow('once per image (1)');
		expect(() =>
			jsonWithStreamedBase64({ a: BASE64_BYTES }, [image(bytes, 1), image(bytes, 1)]),
		).toThrow('once per image (2)');
	});

	it('puts several images in the order of the document, each read only when its turn comes', async () => {
		const images = ['first', 'second image', 'third'].map((text) => Buffer.from(text));
		const started: number[] = [];
		const sources = images.map((bytes, index) => ({
			...image(bytes, 4),
			chunks: async function* () {
				started.push(index);
				for (let i = 0; i < bytes.length; i += 4) yield bytes.subarray(i, i + 4);
			},
		}));
		const body = jsonWithStreamedBase64(
			{
				images: images.map(() => ({ image_url: `data:image/png;base64,${BASE64_BYTES}` })),
				model: 'm',
			},
			sources,
		);
		const seenWhenReading: number[][] = [];
		const parts: Uint8Array[] = [];
		for await (const part of body.stream()) {
			seenWhenReading.push([...started]);
			parts.push(part);
		}
		const sent = Buffer.concat(parts);
		expect(sent.length).toBe(body.size);
		expect(JSON.parse(sent.toString('utf8'))).toEqual({
			images: images.map((bytes) => ({
				image_url: `data:image/png;base64,${bytes.toString('base64')}`,
			})),
			model: 'm',
		});
		// The first part (the text before image 1) is sent before any image is read.
		expect(seenWhenReading[0]).toEqual([]);
		expect(started).toEqual([0, 1, 2]);
	});

	it('fails, rather than send a body of the wrong length, when the image size changes', async () => {
		const bytes = Buffer.alloc(10, 1);
		await expect(
			read(jsonWithStreamedBase64({ image: BASE64_BYTES }, image(bytes, 3, 9)).stream()),
		).rejects.toThrow('grew while it was being sent (9 bytes announced)');
		await expect(
			read(jsonWithStreamedBase64({ image: BASE64_BYTES }, image(bytes, 3, 11)).stream()),
		).rejects.toThrow('shrank while it was being sent (10 of 11 bytes)');
	});
});
