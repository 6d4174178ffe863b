// `npm run dev`: a real n8n on http://localhost:5678 with this package loaded as a community package,
// its data in .dev/ (SQLite), offline, plus the sandbox contract servers so the examples run as they are.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import {
	ensureN8n,
	importIntoN8n,
	n8nEnv,
	N8N_VERSION,
	PACKAGE_DIR,
	prepareUserFolder,
	startN8n,
} from './realN8n';
import type { Sandbox } from './sandbox';
import { sandboxExamples, startSandbox } from './sandbox';

const USER_FOLDER = join(PACKAGE_DIR, '.dev');
const PORT = Number(process.env.N8N_PORT ?? 5678);

async function main() {
	ensureN8n();
	const firstRun = !existsSync(join(USER_FOLDER, '.n8n', 'database.sqlite'));
	prepareUserFolder(USER_FOLDER, { install: 'link' });
	const env = n8nEnv(USER_FOLDER);

	let sandbox: Sandbox | undefined;
	try {
		sandbox = await startSandbox();
	} catch (error) {
		console.warn(
			`Sandbox contract servers not started (${(error as Error).message}); is \`npm run sandbox\` already running?`,
		);
	}
	if (firstRun && sandbox) {
		await importIntoN8n(env, sandbox.credentials(), sandboxExamples(sandbox.sampleImageUrl));
		console.log('Imported the example workflows and sandbox credentials.');
	}

	const n8n = await startN8n(env, PORT, { inheritOutput: true });
	console.log(
		`\nn8n ${N8N_VERSION} with n8n-nodes-ai-image: ${n8n.url} (data in .dev/; Ctrl+C to stop)`,
	);
	if (sandbox) {
		console.log(
			`Sandbox: Novita ${sandbox.novita.baseUrl}, Freepik ${sandbox.freepik.baseUrl}, OpenAI ${sandbox.openai.baseUrl}`,
		);
	}
	const stop = async () => {
		await n8n.stop();
		await sandbox?.stop();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop());
	process.once('SIGTERM', () => void stop());
	n8n.process.once('close', (code) => {
		console.log(`n8n exited with ${code}`);
		void sandbox?.stop().then(() => process.exit(code ?? 1));
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
