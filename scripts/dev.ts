// `npm run dev`: a real n8n on http://localhost:5678 with this package loaded as a community package,
// its data in .dev/ (SQLite), offline, plus the sandbox contract servers so the examples run as they are.
// Only the editor's port is fixed (N8N_PORT to change it); n8n's task broker and the sandbox take
// free ports, so a second n8n or a test suite can run beside it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
import {
	FREE_PORTS,
	sandboxExamples,
	setTaskDuration,
	startSandbox,
	taskSecondsSetting,
} from './sandbox';

const USER_FOLDER = join(PACKAGE_DIR, '.dev');
const PORT = Number(process.env.N8N_PORT ?? 5678);
/** The sandbox's ports of the last start: the imported credentials and examples point at them. */
const SANDBOX_STATE = join(USER_FOLDER, 'sandbox-ports.json');

function lastSandboxPorts(): Sandbox['ports'] | undefined {
	return existsSync(SANDBOX_STATE)
		? (JSON.parse(readFileSync(SANDBOX_STATE, 'utf8')) as Sandbox['ports'])
		: undefined;
}

/** The sandbox on the ports of the last start while they are free (so what was imported still points at it), else on free ones. */
async function startDevSandbox(): Promise<Sandbox> {
	const last = lastSandboxPorts();
	if (last) {
		try {
			return await startSandbox(last);
		} catch {
			// One of them is taken now: free ones, and the credentials and examples imported again.
		}
	}
	return await startSandbox(FREE_PORTS);
}

async function main() {
	ensureN8n();
	const firstRun = !existsSync(join(USER_FOLDER, '.n8n', 'database.sqlite'));
	prepareUserFolder(USER_FOLDER, { install: 'link' });
	const env = n8nEnv(USER_FOLDER);

	const taskSeconds = taskSecondsSetting();
	const sandbox = await startDevSandbox();
	setTaskDuration(sandbox, taskSeconds);
	const moved = JSON.stringify(lastSandboxPorts()) !== JSON.stringify(sandbox.ports);
	if (firstRun || moved) {
		await importIntoN8n(
			env,
			sandbox.credentials(),
			sandboxExamples(sandbox.sampleImageUrl, sandbox.sampleMaskUrl),
		);
		writeFileSync(SANDBOX_STATE, JSON.stringify(sandbox.ports));
		console.log(
			firstRun
				? 'Imported the example workflows and sandbox credentials.'
				: 'The sandbox moved to other ports (the last ones are taken): imported its credentials and the example workflows again.',
		);
	}

	const n8n = await startN8n(env, PORT, { inheritOutput: true });
	console.log(
		`\nn8n ${N8N_VERSION} with n8n-nodes-ai-image: ${n8n.url} (data in .dev/; Ctrl+C to stop)`,
	);
	console.log(
		`Sandbox: Novita ${sandbox.novita.baseUrl}, Freepik ${sandbox.freepik.baseUrl}, OpenAI ${sandbox.openai.baseUrl}`,
	);
	if (taskSeconds > 0)
		console.log(`Novita Qwen and Freepik tasks take ${taskSeconds} s each (SANDBOX_TASK_SECONDS).`);
	const stop = async () => {
		await n8n.stop();
		await sandbox.stop();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop());
	process.once('SIGTERM', () => void stop());
	n8n.process.once('close', (code) => {
		console.log(`n8n exited with ${code}`);
		void sandbox.stop().then(() => process.exit(code ?? 1));
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
