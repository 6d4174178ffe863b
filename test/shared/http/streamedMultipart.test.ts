import type { ByteSource } from '../../../nodes/shared/http/streamedJson';
import { multipartWithStreamedFiles } from '../../../nodes/shared/http/streamedMultipart';

// The body is read back by the platform's own multipart parser (undici's Response.formData), not
// by a reader written here: a framing mistake must fail against an independent parser.

function source(bytes: Buffer, chunk = 5, started?: () => void): ByteSource {
	return {
		size: bytes.length,
		chunks: async function* () {
			started?.();
			for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
		},
	};
}

async function read(parts: AsyncIterable<Uint8Array>): Promise<Buffer> {
	const buffers: Uint8Array[] = [];
	for await (const part of parts) buffers.push(part);
	return Buffer.concat(buffers);
}

async function parse(body: ReturnType<typeof multipartWithStreamedFiles>): Promise<FormData> {
	const bytes = await read(body.stream());
	expect(bytes.length).toBe(body.size);
	return await new Response(new Uint8Array(bytes), {
		headers: { 'content-type': body.type },
	}).formData();
}

describe('multipartWithStreamedFiles', () => {
	const first = Buffer.from(Array.from({ length: 1001 }, (_, i) => (i * 31) % 256));
	const second = Buffer.from('\r\n--not-the-boundary\r\n');

	it('fields then files, in order, with names, file names and types, and the exact size', async () => {
		const body = multipartWithStreamedFiles(
			[
				['prompt', 'a “quoted” prompt\nwith lines'],
				['n', '2'],
			],
			[
				{ name: 'image[]', fileName: 'a.png', type: 'image/png', bytes: source(first) },
				{ name: 'image[]', fileName: 'b "x".webp', type: 'image/webp', bytes: source(second, 3) },
				{ name: 'mask', fileName: 'mask.png', type: 'image/png', bytes: source(Buffer.alloc(0)) },
			],
		);
		expect(Object.prototype.toString.call(body)).toBe('[object Blob]');
		expect(body.type).toMatch(/^multipart\/form-data; boundary=----n8nAiImage[0-9a-f]{24}$/);
		const form = await parse(body);
		expect(form.get('prompt')).toBe('a “quoted” prompt\nwith lines');
		expect(form.get('n')).toBe('2');
		const images = form.getAll('image[]') as File[];
		expect(images.map((file) => [file.name, file.type])).toEqual([
			['a.png', 'image/png'],
			['b "x".webp', 'image/webp'], // escaped as %22, the way browsers do
		]);
		expect(Buffer.from(await images[0].arrayBuffer())).toEqual(first);
		expect(Buffer.from(await images[1].arrayBuffer())).toEqual(second);
		expect((form.get('mask') as File).size).toBe(0);
		// Every attempt reads the files again from the start.
		expect((await read(body.stream())).length).toBe(body.size);
	});

	it('reads each file only when its turn comes, one after another', async () => {
		const started: string[] = [];
		const body = multipartWithStreamedFiles(
			[['model', 'm']],
			['a', 'b', 'c'].map((name) => ({
				name: 'image[]',
				fileName: `${name}.png`,
				type: 'image/png',
				bytes: source(Buffer.from(name.repeat(20)), 5, () => started.push(name)),
			})),
		);
		const seen: string[][] = [];
		for await (const _part of body.stream()) seen.push([...started]);
		expect(seen[0]).toEqual([]);
		expect(seen.findIndex((names) => names.length === 2)).toBeGreaterThan(
			seen.findIndex((names) => names.length === 1),
		);
		expect(started).toEqual(['a', 'b', 'c']);
	});

	it('fails rather than send a body of the wrong length when a file changes size', async () => {
		const shrunk = { ...source(Buffer.alloc(10)), size: 11 };
		await expect(
			read(
				multipartWithStreamedFiles(
					[],
					[{ name: 'f', fileName: 'f', type: 'x/y', bytes: shrunk }],
				).stream(),
			),
		).rejects.toThrow('shrank while it was being sent (10 of 11 bytes)');
	});

	it('escapes line breaks in a file name, so that no header can be slipped in', async () => {
		const body = multipartWithStreamedFiles(
			[],
			[
				{
					name: 'image[]',
					fileName: 'a\r\nContent-Type: text/html\r\n.png',
					type: 'image/png',
					bytes: source(Buffer.from('x')),
				},
			],
			'b0undary',
		);
		const text = (await read(body.stream())).toString();
		expect(text).toContain('filename="a%0D%0AContent-Type: text/html%0D%0A.png"');
		expect(text.match(/\r\nContent-Type: /g)).toHaveLength(1);
	});

	it('draws a new random boundary for every body', () => {
		const boundaries = Array.from({ length: 3 }, () =>
			multipartWithStreamedFiles([], []).type.replace(/^.*boundary=----n8nAiImage/, ''),
		);
		expect(new Set(boundaries).size).toBe(3);
		for (const boundary of boundaries) expect(new Set(boundary).size).toBeGreaterThan(1);
	});

	it('refuses a field that holds the boundary', () => {
		expect(() => multipartWithStreamedFiles([['x', '--b--']], [], 'b')).toThrow('boundary');
	});
});
