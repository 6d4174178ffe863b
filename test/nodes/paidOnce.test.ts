import { makePng } from '../fixtures/images';
import type { InputItem } from '../harness/engine';
import { runEntry } from '../harness/runEntry';
import type { RecordedRequest } from '../servers/contractServer';
import { TASK_RESULT_PATH } from '../servers/novitaServer';
import { startVendorServers } from '../vendorServers';
import { NODES } from '../vendors';

// A paid request is paid once, also across n8n's own Retry On Fail, which runs the whole node
// again when a try failed: every node of the registry, through n8n's engine, against contract
// servers that count the paid requests they took (server.charges). Each item carries an image of
// its own, so a request tells which item it is for.

const { novita, servers } = startVendorServers();

const pngs = Array.from({ length: 10 }, (_, i) => makePng(64, 64, i + 1));
const items: InputItem[] = pngs.map((png, i) => ({
	binary: { data: { data: png, fileName: `in-${i}.png`, mimeType: 'image/png' } },
}));

/**
 * Whether a request carries this image: its bytes in multipart, its base64 in JSON, or the asset
 * URL of its upload (Magnific's URL-only models).
 */
const carries = (png: Buffer) => (req: RecordedRequest) =>
	req.body.includes(png) ||
	req.body.includes(Buffer.from(png.toString('base64'))) ||
	servers.freepik.uploadsCarriedBy(req).some((bytes) => bytes.equals(png));

const inputsOut = (result: { items: Array<{ pairedItem?: unknown; binary?: unknown }> }) => [
	...new Set(
		result.items
			.filter((item) => item.binary)
			.map((item) => (item.pairedItem as { item: number }).item),
	),
];

const retryOnFail = { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 };

describe.each(NODES)('$id under n8n’s Retry On Fail (2 tries)', (node) => {
	const server = () => servers[node.vendor];

	it('10 items, item 7 refused once: the second try sends item 7 only again; 10 charges, 10 inputs out', async () => {
		server().failWhen(node.route, carries(pngs[7]), {
			kind: 'status',
			status: 400,
			body: { message: 'bad request', error: { message: 'bad request' } },
		});
		const result = await runEntry(node, { server: server(), items, ...retryOnFail });
		expect(result.error).toBeUndefined();
		expect(inputsOut(result)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(server().charges).toHaveLength(10);
		const submits = server().requestsTo(node.route);
		expect(pngs.map((png) => submits.filter(carries(png)).length)).toEqual([
			1, 1, 1, 1, 1, 1, 1, 2, 1, 1,
		]);
	});

	it('with Continue On Fail, n8n tries again when item 0 failed: the other nine are not paid again', async () => {
		server().failWhen(node.route, carries(pngs[0]), {
			kind: 'status',
			status: 400,
			body: { message: 'bad request', error: { message: 'bad request' } },
		});
		const result = await runEntry(node, {
			server: server(),
			items,
			continueOnFail: true,
			...retryOnFail,
		});
		expect(result.items.filter((item) => item.json.error)).toHaveLength(0);
		expect(inputsOut(result)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(server().charges).toHaveLength(10);
	});

	it('a paid request whose answer was lost is not resent by the next try either: it fails again, saying it may be charged', async () => {
		server().failWhen(node.route, carries(pngs[3]), { kind: 'afterAccept', then: 'reset' });
		const result = await runEntry(node, { server: server(), items, ...retryOnFail });
		expect(result.error?.message).toMatch(/\(the request may have been taken and charged\)$/);
		const submits = server().requestsTo(node.route);
		// Item 3 was taken once, and no item was sent (or charged) twice over both tries.
		expect(submits.filter(carries(pngs[3]))).toHaveLength(1);
		for (const png of pngs)
			expect(server().charges.filter(carries(png)).length).toBeLessThanOrEqual(1);
	});
});

describe('an accepted task whose status checks failed in one try', () => {
	it('is polled in the next try, not submitted again (Novita FLUX.1 Kontext Pro): 10 charges', async () => {
		const node = NODES.find((entry) => entry.id === 'novitaReimagineKontext')!;
		const ofItem7 = (req: RecordedRequest) =>
			novita.tasks.get(req.query.get('task_id') ?? '')?.image.equals(pngs[7]) === true;
		// Three failed checks: the first and its two retries (Max Retries 2).
		for (let n = 0; n < 3; n++)
			novita.failWhen(`GET ${TASK_RESULT_PATH}`, ofItem7, {
				kind: 'status',
				status: 503,
				body: { code: 503, reason: 'SERVICE_UNAVAILABLE', message: 'busy' },
			});
		const result = await runEntry(node, { server: novita, items, ...retryOnFail });
		expect(result.error).toBeUndefined();
		expect(inputsOut(result)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(novita.charges).toHaveLength(10);
		expect(novita.requestsTo(node.route).filter(carries(pngs[7]))).toHaveLength(1);
		expect(novita.requestsTo(`GET ${TASK_RESULT_PATH}`).filter(ofItem7).length).toBeGreaterThan(3);
	});
});
