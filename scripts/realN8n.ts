// The real n8n, as a user runs it: installed from scripts/n8n (its own package.json and lockfile,
// apart from the package's dependencies), with this package linked in as a community package.
// Used by `npm run dev`, the CLI end-to-end tests, the editor tests and the benchmarks.
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const PACKAGE_DIR = join(__dirname, '..');
export const PACKAGE_NAME = 'n8n-nodes-ai-image';
export const RUNTIME_DIR = join(__dirname, 'n8n');
export const N8N_VERSION: string = JSON.parse(readFileSync(join(RUNTIME_DIR, 'package.json'), 'utf8')).dependencies.n8n;

const N8N_BIN = join(RUNTIME_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

function installedVersion(): string | undefined {
	const manifest = join(RUNTIME_DIR, 'node_modules', 'n8n', 'package.json');
	return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : undefined;
}

/** Installs the pinned n8n into scripts/n8n/node_modules unless it is already there (about 3–4 min, 1.7 GB). */
export function ensureN8n(): void {
	if (installedVersion() === N8N_VERSION) return;
	console.log(`Installing n8n ${N8N_VERSION} into ${RUNTIME_DIR} (once; takes a few minutes)…`);
	// `npm install`, not `npm ci`: the lockfile pins the tree, but npm ci rejects it for lacking other
	// platforms' optional packages (msgpackr-extract), which npm does not record here.
	const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: RUNTIME_DIR, stdio: 'inherit' });
	if (result.status !== 0 || installedVersion() !== N8N_VERSION) {
		throw new Error(`Installing n8n ${N8N_VERSION} failed (npm install in ${RUNTIME_DIR} exited ${result.status})`);
	}
}

/** Makes `userFolder` an n8n home with this package installed as a community package (a symlink to the repo). */
export function prepareUserFolder(userFolder: string, { fresh = false } = {}): void {
	if (fresh) rmSync(userFolder, { recursive: true, force: true });
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const link = join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(dirname(link), { recursive: true });
	if (!existsSync(link)) symlinkSync(PACKAGE_DIR, link, 'dir');
}

/** Environment for a quiet, offline n8n: no telemetry, version checks, templates or other outbound calls. */
export function n8nEnv(userFolder: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'n8n-nodes-ai-image-local-only',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_AI_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_SECURE_COOKIE: 'false',
		DB_TYPE: 'sqlite',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		NO_COLOR: '1',
		// Under jest NODE_ENV is "test", which silences n8n's logger and with it the run output.
		NODE_ENV: 'production',
		...extra,
	};
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs one `n8n <args>` command to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [N8N_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

/**
 * `n8n import:credentials` and `n8n import:workflow` for the given objects (workflows need an `id`).
 * The import files hold plain keys, so they are removed once n8n has stored them encrypted.
 */
export async function importIntoN8n(env: NodeJS.ProcessEnv, credentials: object[], workflows: Array<{ id: string }>): Promise<void> {
	const dir = mkdtempSync(join(env.N8N_USER_FOLDER ?? PACKAGE_DIR, 'import-'));
	try {
		mkdirSync(join(dir, 'workflows'));
		writeFileSync(join(dir, 'credentials.json'), JSON.stringify(credentials));
		for (const workflow of workflows) writeFileSync(join(dir, 'workflows', `${workflow.id}.json`), JSON.stringify(workflow));
		for (const args of [
			['import:credentials', `--input=${join(dir, 'credentials.json')}`],
			['import:workflow', '--separate', `--input=${join(dir, 'workflows')}`],
		]) {
			const result = await runCli(args, env);
			if (result.code !== 0) throw new Error(`n8n ${args[0]} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export interface RunningN8n {
	url: string;
	process: ChildProcess;
	/** Everything n8n printed so far. */
	output(): string;
	stop(): Promise<void>;
}

/** Starts `n8n start` and resolves once the editor is served ("Editor is now accessible"). */
export function startN8n(env: NodeJS.ProcessEnv, port = 5678, { inheritOutput = false, timeoutMs = 180_000 } = {}): Promise<RunningN8n> {
	const child = spawn(process.execPath, [N8N_BIN, 'start'], {
		env: { ...env, N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(port + 1), N8N_HOST: 'localhost', N8N_LISTEN_ADDRESS: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const url = `http://localhost:${port}`;
	const running: RunningN8n = {
		url,
		process: child,
		output: () => output,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('close', () => resolve());
				child.kill('SIGTERM');
				setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
			}),
	};
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			void running.stop();
			reject(new Error(`n8n did not start within ${timeoutMs} ms:\n${output}`));
		}, timeoutMs);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (inheritOutput) process.stdout.write(chunk);
			if (output.includes('Editor is now accessible')) {
				clearTimeout(timer);
				resolve(running);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('close', (code) => {
			clearTimeout(timer);
			reject(new Error(`n8n exited with ${code} before it was ready:\n${output}`));
		});
	});
}

export const OWNER = { email: 'owner@example.com', firstName: 'Local', lastName: 'Owner', password: 'Sandbox-Passw0rd' };

/** Creates the owner account on a fresh instance (or logs in) and returns the session cookie. */
export async function ownerSession(url: string): Promise<string> {
	const setup = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	let response = setup;
	if (!setup.ok) {
		response = await fetch(`${url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
	}
	const cookie = response.headers.get('set-cookie');
	if (!response.ok || !cookie) throw new Error(`Owner setup/login failed: HTTP ${response.status} ${await response.text()}`);
	return cookie.split(';')[0];
}
