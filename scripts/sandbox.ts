// Local stand-ins for the three vendors: the contract servers the tests use, on fixed ports, so the
// example workflows can be run from the editor without vendor keys (`npm run sandbox`, `npm run dev`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FreepikServer } from '../test/servers/freepikServer';
import { NovitaServer } from '../test/servers/novitaServer';
import { OpenAiServer } from '../test/servers/openAiServer';
import { PACKAGE_DIR } from './realN8n';

export const SANDBOX_KEYS = { novita: 'sandbox-novita-key', freepik: 'sandbox-freepik-key', openai: 'sandbox-openai-key' };
export const SANDBOX_PORTS = { novita: 4101, freepik: 4102, openai: 4103 };
const SAMPLE = readFileSync(join(PACKAGE_DIR, 'test', 'fixtures', 'images', 'square.png'));

export interface Sandbox {
	novita: NovitaServer;
	freepik: FreepikServer;
	openai: OpenAiServer;
	/** A PNG the example workflows' "Read Image" node can fetch instead of a public URL. */
	sampleImageUrl: string;
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

/** Starts the servers; `ports` of 0 pick free ports (tests), the defaults are fixed (the editor sandbox). */
export async function startSandbox(ports: { novita: number; freepik: number; openai: number } = SANDBOX_PORTS): Promise<Sandbox> {
	const novita = new NovitaServer();
	const freepik = new FreepikServer();
	const openai = new OpenAiServer();
	novita.apiKey = SANDBOX_KEYS.novita;
	freepik.apiKey = SANDBOX_KEYS.freepik;
	openai.apiKey = SANDBOX_KEYS.openai;
	await novita.start('', ports.novita);
	await freepik.start('', ports.freepik);
	await openai.start('/v1', ports.openai);
	novita.assets.set('sample.png', { body: SAMPLE, contentType: 'image/png' });
	return {
		novita,
		freepik,
		openai,
		sampleImageUrl: `${novita.baseUrl}/assets/sample.png`,
		credentials: (): SandboxCredential[] => [
			{ id: 'novitaApi-example', name: 'Novita AI account', type: 'novitaApi', data: { apiKey: SANDBOX_KEYS.novita, baseUrl: novita.baseUrl } },
			{
				id: 'freepikApi-example',
				name: 'Freepik account',
				type: 'freepikApi',
				data: { apiKey: SANDBOX_KEYS.freepik, host: 'custom', baseUrl: freepik.baseUrl, headerName: 'x-freepik-api-key' },
			},
			{ id: 'openAiImagesApi-example', name: 'OpenAI-compatible account', type: 'openAiImagesApi', data: { apiKey: SANDBOX_KEYS.openai, baseUrl: openai.baseUrl } },
		],
		async stop() {
			await Promise.all([novita.stop(), freepik.stop(), openai.stop()]);
		},
	};
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> }>;
	[key: string]: unknown;
}

/** The example workflows from examples/, with "Read Image" fetching the sandbox's sample instead of the internet. */
export function sandboxExamples(sampleImageUrl: string): ExampleWorkflow[] {
	const dir = join(PACKAGE_DIR, 'examples');
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExampleWorkflow;
			for (const node of workflow.nodes) if (node.name === 'Read Image') node.parameters.url = sampleImageUrl;
			return workflow;
		});
}

if (require.main === module) {
	void startSandbox().then((sandbox) => {
		console.log('Contract servers running (Ctrl+C to stop). Credentials to use in n8n:');
		for (const credential of sandbox.credentials()) console.log(`  ${credential.name} (${credential.type}): ${JSON.stringify(credential.data)}`);
		console.log(`Sample input image: ${sandbox.sampleImageUrl}`);
	});
}
