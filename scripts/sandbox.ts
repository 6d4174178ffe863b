// Local stand-ins for the three vendors: the contract servers the tests use, on free ports, so the
// example workflows can be run from the editor without vendor keys (`npm run sandbox`, `npm run dev`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Vendor, VendorServers } from '../test/vendors';
import { maskPng } from '../test/fixtures/images';
import { createVendorServers, VENDORS } from '../test/vendors';
import { PACKAGE_DIR } from './realN8n';

export const SANDBOX_KEYS: Record<Vendor, string> = {
	novita: 'sandbox-novita-key',
	freepik: 'sandbox-freepik-key',
	openai: 'sandbox-openai-key',
};
/** Port 0 for each vendor: free ones. */
export const FREE_PORTS: Record<Vendor, number> = { novita: 0, freepik: 0, openai: 0 };
const SAMPLE = readFileSync(join(PACKAGE_DIR, 'test', 'fixtures', 'images', 'square.png'));
/** The sample's size, 64 × 64, as a mask must be. */
const SAMPLE_MASK = maskPng(64, 64);

export interface Sandbox extends VendorServers {
	/** A PNG the example workflows' "Read Image" node can fetch instead of a public URL. */
	sampleImageUrl: string;
	/** A mask for it ("Read Mask"): an RGBA PNG of the same size, its left half transparent. */
	sampleMaskUrl: string;
	/** The port each vendor's server listens on. */
	ports: Record<Vendor, number>;
	/** Credentials in `n8n import:credentials` format, with the ids the example workflows reference. */
	credentials(): SandboxCredential[];
	stop(): Promise<void>;
}

export interface SandboxCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, string>;
}

const vendorsOf = (servers: VendorServers) =>
	Object.entries(servers) as Array<[Vendor, VendorServers[Vendor]]>;

/** Starts the servers, on the given ports or, for 0 (the default), on free ones. */
export async function startSandbox(ports: Record<Vendor, number> = FREE_PORTS): Promise<Sandbox> {
	const servers = createVendorServers();
	const stopAll = async () =>
		await Promise.all(vendorsOf(servers).map(async ([, server]) => await server.stop()));
	try {
		for (const [vendor, server] of vendorsOf(servers)) {
			server.apiKey = SANDBOX_KEYS[vendor];
			await server.start(VENDORS[vendor].mountPath, ports[vendor]);
		}
	} catch (error) {
		// A port taken: none of the servers is left listening.
		await stopAll();
		throw error;
	}
	servers.novita.assets.set('sample.png', { body: SAMPLE, contentType: 'image/png' });
	servers.novita.assets.set('sample-mask.png', { body: SAMPLE_MASK, contentType: 'image/png' });
	// What a user asked for is what the sandbox answers: a 2048 × 1152 WEBP for 2048x1152 (the
	// tests' servers answer 1/16 of it, quicker to make).
	servers.openai.answerSizeDivisor = 1;
	return {
		...servers,
		sampleImageUrl: `${servers.novita.baseUrl}/assets/sample.png`,
		sampleMaskUrl: `${servers.novita.baseUrl}/assets/sample-mask.png`,
		ports: Object.fromEntries(
			vendorsOf(servers).map(([vendor, server]) => [vendor, Number(new URL(server.baseUrl).port)]),
		) as Record<Vendor, number>,
		credentials: (): SandboxCredential[] =>
			vendorsOf(servers).map(([vendor, server]) => ({
				...VENDORS[vendor].exampleCredential,
				type: VENDORS[vendor].credentialType,
				data: VENDORS[vendor].credentialData(server.baseUrl, SANDBOX_KEYS[vendor]),
			})),
		async stop() {
			await stopAll();
		},
	};
}

/**
 * Makes every Novita Qwen Image Edit and Freepik Reimagine Flux task take `seconds` to finish
 * (0: Novita's one pending poll, Freepik's synchronous answer), so polling can be watched, and
 * cancelled, in the editor.
 */
export function setTaskDuration(
	sandbox: Pick<Sandbox, 'novita' | 'freepik'>,
	seconds: number,
): void {
	const completeAfterMs = seconds > 0 ? seconds * 1000 : undefined;
	sandbox.novita.models = { ...sandbox.novita.models, completeAfterMs };
	sandbox.freepik.behaviour = {
		...sandbox.freepik.behaviour,
		initialStatus: completeAfterMs ? 'IN_PROGRESS' : 'COMPLETED',
		completeAfterMs,
	};
	// Magnific's tasks given a webhook_url end, and are called back, that long after their submit.
	if (completeAfterMs) sandbox.freepik.callbackAfterMs = completeAfterMs;
}

/** SANDBOX_TASK_SECONDS, the setting of `npm run dev` and `npm run sandbox` for setTaskDuration. */
export function taskSecondsSetting(value = process.env.SANDBOX_TASK_SECONDS): number {
	if (value === undefined || value.trim() === '') return 0;
	const seconds = Number(value);
	if (!Number.isFinite(seconds) || seconds < 0 || seconds > 600)
		throw new Error(
			`SANDBOX_TASK_SECONDS must be a number of seconds from 0 to 600, but is "${value}"`,
		);
	return seconds;
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{
		id?: string;
		name: string;
		type: string;
		position?: number[];
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
	[key: string]: unknown;
}

/**
 * The example workflows from examples/, their "Read …" nodes fetching the sandbox's sample (and
 * "Read Mask" its mask) instead of the internet.
 */
export function sandboxExamples(sampleImageUrl: string, sampleMaskUrl: string): ExampleWorkflow[] {
	const dir = join(PACKAGE_DIR, 'examples');
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExampleWorkflow;
			for (const node of workflow.nodes)
				if (node.name.startsWith('Read '))
					node.parameters.url = node.name === 'Read Mask' ? sampleMaskUrl : sampleImageUrl;
			return workflow;
		});
}

if (require.main === module) {
	const seconds = taskSecondsSetting();
	void startSandbox().then((sandbox) => {
		setTaskDuration(sandbox, seconds);
		if (seconds > 0) console.log(`Novita Qwen and Freepik tasks take ${seconds} s each.`);
		console.log('Contract servers running (Ctrl+C to stop). Credentials to use in n8n:');
		for (const credential of sandbox.credentials())
			console.log(`  ${credential.name} (${credential.type}): ${JSON.stringify(credential.data)}`);
		console.log(
			`Sample input image: ${sandbox.sampleImageUrl} (its mask: ${sandbox.sampleMaskUrl})`,
		);
	});
}
