// n8n's own HTTP Request and Extract From File nodes, from the n8n install in scripts/n8n (same n8n
// line as our dev dependencies), run by the same engine as our nodes.
import Module from 'node:module';
import { join } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';

import { registerNodeTypes } from '../test/harness/engine';
import { RUNTIME_DIR } from '../scripts/realN8n';

const NODES_BASE = join(RUNTIME_DIR, 'node_modules', 'n8n-nodes-base');
// ssh2 too: two copies of its native addon in one process crash V8.
const SHARED = [
	'n8n-workflow',
	'n8n-core',
	'@n8n/di',
	'@n8n/backend-common',
	'@n8n/config',
	'ssh2',
];

// One copy of n8n's libraries in the process, as in n8n itself: requests for them from
// n8n-nodes-base resolve to the copies the engine uses.
const moduleWithResolve = Module as unknown as {
	_resolveFilename: (request: string, parent: unknown, ...rest: unknown[]) => string;
};
const resolve = moduleWithResolve._resolveFilename;
moduleWithResolve._resolveFilename = function (request, parent, ...rest) {
	if (SHARED.some((name) => request === name || request.startsWith(`${name}/`))) {
		return resolve.call(this, request, module, ...rest);
	}
	return resolve.call(this, request, parent, ...rest);
};

export async function loadN8nNodesBase(): Promise<void> {
	const loader = new PackageDirectoryLoader(
		NODES_BASE,
		[],
		['n8n-nodes-base.httpRequest', 'n8n-nodes-base.extractFromFile'],
	);
	await loader.loadAll();
	const types = Object.fromEntries(
		Object.entries(loader.nodeTypes).map(([name, { type }]) => [`n8n-nodes-base.${name}`, type]),
	);
	await registerNodeTypes(types);
}
