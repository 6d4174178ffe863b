// Which source files one item's happy path runs through, for each node of the registry: every
// node runs once to load and warm up, then once more on one item while V8 counts calls; a file
// counts when any of its functions ran in that second run. Run: npm run happy-path
import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';

import { loadPackage, PACKAGE_DIR } from '../test/harness/engine';
import { runEntry } from '../test/harness/runEntry';
import { SECRET_KEYS } from '../test/helpers';
import type { Vendor } from '../test/vendors';
import { createVendorServers, NODES, VENDORS } from '../test/vendors';

interface FunctionCoverage {
	ranges: Array<{ count: number }>;
}
interface ScriptCoverage {
	url: string;
	functions: FunctionCoverage[];
}

const SOURCE = /\/dist\/(nodes|credentials)\/.*\.js$/;

function filesRun(coverage: ScriptCoverage[]): string[] {
	return coverage
		.filter((script) => SOURCE.test(script.url))
		.filter((script) => script.functions.some((fn) => fn.ranges[0].count > 0))
		.map((script) =>
			relative(PACKAGE_DIR, new URL(script.url).pathname)
				.replace(/^dist\//, '')
				.replace(/\.js$/, '.ts'),
		)
		.sort();
}

async function main() {
	const servers = createVendorServers();
	for (const [vendor, server] of Object.entries(servers) as Array<
		[Vendor, (typeof servers)[Vendor]]
	>) {
		await server.start(VENDORS[vendor].mountPath);
		server.apiKey = SECRET_KEYS[vendor];
	}
	await loadPackage();
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
	const lines: string[] = [];
	try {
		for (const node of NODES) {
			const run = () => runEntry(node, { server: servers[node.vendor] });
			await run();
			await session.post('Profiler.takePreciseCoverage');
			const result = await run();
			if (result.error) throw result.error;
			const { result: coverage } = (await session.post('Profiler.takePreciseCoverage')) as {
				result: ScriptCoverage[];
			};
			const files = filesRun(coverage);
			lines.push(`${node.id}: ${files.length} files\n  ${files.join('\n  ')}`);
		}
	} finally {
		await Promise.all(Object.values(servers).map(async (server) => await server.stop()));
	}
	console.log(lines.join('\n'));
}

void main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
