// One P4 (or P10) measurement in its own process: peak RSS above the baseline while Novita Reimagine
// (or, with SUBJECT=openaiEdits, the OpenAI node's Edits API in UPLOAD_AS form) runs ITEMS items of
// IMAGES_PER_ITEM images (default 1) of IMAGE_MB each in filesystem binary mode. Inputs are made one at a time as n8n stores them, so the figure is
// the node's own footprint.
import './env';

import { makePng } from '../test/fixtures/images';
import type { InputItem, RunSpec } from '../test/harness/engine';
import { runNode } from '../test/harness/engine';
import { novitaReimagineSpec } from './novitaSpec';

const MB = 1024 * 1024;

async function main() {
	const count = Number(process.env.ITEMS);
	const bytes = Number(process.env.IMAGE_MB) * MB;
	const perItem = Number(process.env.IMAGES_PER_ITEM ?? 1);
	const inputs = (n: number, size: number): InputItem[] =>
		Array.from({ length: n }, (_, i) => ({
			binary: Object.fromEntries(
				Array.from({ length: perItem }, (_, k) => [
					k ? `data_${k}` : 'data',
					{
						data: () => makePng(64, 64, i + k, size),
						fileName: `in${k}.png`,
						mimeType: 'image/png',
					},
				]),
			),
		}));
	const spec = (n: number, size: number): RunSpec =>
		process.env.SUBJECT === 'openaiEdits'
			? {
					nodeType: 'openAiImageVariation',
					typeVersion: 2,
					parameters: {
						inputSource: perItem > 1 ? 'allBinary' : 'binary',
						binaryPropertyName: 'data',
						options: { uploadAs: process.env.UPLOAD_AS ?? 'json' },
					} as never,
					items: inputs(n, size),
					credentials: {
						openAiImagesApi: {
							apiKey: process.env.OPENAI_KEY!,
							baseUrl: process.env.OPENAI_URL!,
						},
					},
					continueOnFail: true,
				}
			: novitaReimagineSpec(inputs(n, size), {
					apiKey: process.env.NOVITA_KEY!,
					baseUrl: process.env.NOVITA_URL!,
				});
	await runNode(spec(2, MB)); // warm up: load the package, JIT, binary store
	// The baseline is taken when the node starts, so storing the inputs (Test Input's work) is not counted.
	let baseline = 0;
	let peak = 0;
	// RSS hides copies that fit in pages freed earlier (the inputs were just made): also sample what
	// JavaScript holds, heap plus Buffers, which counts every copy of the image the node makes.
	const held = () => {
		const usage = process.memoryUsage();
		return usage.heapUsed + usage.external;
	};
	let heldBaseline = 0;
	let heldPeak = 0;
	let sampler: NodeJS.Timeout | undefined;
	// LIVE=1: what is still referenced, not what awaits collection: a full collection every 20 ms,
	// then heap plus Buffers. Streaming 80 MB leaves tens of MB of spent chunks to the collector;
	// holding the images would show here as their sum.
	let livePeak = 0;
	let liveSampler: NodeJS.Timeout | undefined;
	const result = await runNode({
		...spec(count, bytes),
		onNodeStart: () => {
			global.gc?.();
			baseline = process.memoryUsage().rss;
			peak = baseline;
			heldBaseline = held();
			heldPeak = heldBaseline;
			sampler = setInterval(() => {
				peak = Math.max(peak, process.memoryUsage().rss);
				heldPeak = Math.max(heldPeak, held());
			}, 2);
			if (process.env.LIVE === '1')
				liveSampler = setInterval(() => {
					global.gc?.();
					livePeak = Math.max(livePeak, held() - heldBaseline);
				}, 20);
		},
	});
	clearInterval(sampler);
	clearInterval(liveSampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	if (process.env.BENCH_DEBUG) {
		const before = process.memoryUsage();
		global.gc?.();
		const after = process.memoryUsage();
		console.error(
			`after run: rss ${(before.rss / MB).toFixed(0)} → ${(after.rss / MB).toFixed(0)} MB, arrayBuffers ${(before.arrayBuffers / MB).toFixed(0)} → ${(after.arrayBuffers / MB).toFixed(0)} MB, heap ${(before.heapUsed / MB).toFixed(0)} → ${(after.heapUsed / MB).toFixed(0)} MB`,
		);
	}
	const ok = result.items.filter((item) => item.json.error === undefined).length;
	process.send!({
		peakMb: (peak - baseline) / MB,
		heldPeakMb: (heldPeak - heldBaseline) / MB,
		livePeakMb: livePeak / MB,
		baselineMb: baseline / MB,
		ok,
	});
	setImmediate(() => process.exit(0));
}

void main();
