// How far one item's happy path travels, for each node entry of the registry, measured from a real
// run: every node runs once to load and warm up, then once more on one item while (1) each call
// to n8n's HTTP helpers (httpRequestWithAuthentication, httpRequest) records its call stack, and
// (2) V8 counts which functions ran. Run: npm run happy-path (add --files to list the files).
//
// From each recorded stack, the package's frames are folded into the files they pass through,
// outermost first (a run of frames in one file is one visit). Leaf helpers that return without
// calling back into the package are never on such a stack, so they are not counted.
//   a  hops from the node's execute() to the operation's per-item execute()
//   b  hops from the per-item execute() to n8n's HTTP helper (the most over submit, polls, downloads)
//   c  calls back into a file already on the stack, or from nodes/shared/ up into a vendor folder
//      below the per-item code (the most on one stack)
//   d  files of the vendor's folder in which any function ran for the item (coverage)
import { Session } from 'node:inspector/promises';
import type { IExecuteFunctions, INodeType } from 'n8n-workflow';

import { loadPackage, PACKAGE_NAME } from '../test/harness/engine';
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

const SOURCE = /\/dist\/((?:nodes|credentials)\/.*)\.js$/;

/** A source file of the package for a script URL or stack path, as its .ts path; else undefined. */
function sourceFile(path: string): string | undefined {
	const match = SOURCE.exec(path.startsWith('file://') ? new URL(path).pathname : path);
	return match ? `${match[1]}.ts` : undefined;
}

function filesRun(coverage: ScriptCoverage[]): string[] {
	return coverage
		.filter((script) => sourceFile(script.url) !== undefined)
		.filter((script) => script.functions.some((fn) => fn.ranges[0].count > 0))
		.map((script) => sourceFile(script.url)!)
		.sort();
}

interface Visit {
	file: string;
	functions: string[];
}

/** The package's frames of a stack, outermost first, consecutive frames of one file folded into one visit. */
function visitsOf(stack: string): Visit[] {
	const visits: Visit[] = [];
	for (const line of stack.split('\n').slice(1).reverse()) {
		const match = /^\s*at (?:async )?(?:(.*?) \()?(.+?):\d+:\d+\)?$/.exec(line);
		const file = match ? sourceFile(match[2]) : undefined;
		if (!file) continue;
		const fn = match![1] ?? '<anonymous>';
		const last = visits[visits.length - 1];
		if (last?.file === file) last.functions.push(fn);
		else visits.push({ file, functions: [fn] });
	}
	return visits;
}

const vendorFolder = (file: string) => /^nodes\/(?!shared\/)[^/]+\//.exec(file)?.[0];

interface Measures {
	a: number;
	b: number;
	c: number;
}

function measure(visits: Visit[]): Measures {
	const node = visits.findIndex((v) => v.file.endsWith('.node.ts'));
	const perItem = visits.findIndex(
		(v, i) => i > node && v.functions.some((fn) => /(^|\.)execute$/.test(fn)),
	);
	if (node < 0 || perItem < 0)
		throw new Error(`no node or per-item execute on the stack: ${JSON.stringify(visits)}`);
	let c = 0;
	visits.forEach((visit, i) => {
		const again = visits.slice(0, i).some((earlier) => earlier.file === visit.file);
		const upAFloor =
			i > perItem && vendorFolder(visit.file) !== undefined && !vendorFolder(visits[i - 1].file);
		if (again || upAFloor) c++;
	});
	return { a: perItem - node, b: visits.length - perItem, c };
}

/** Records the stack of every call to n8n's HTTP helpers made by the package's nodes. */
async function recordHelperStacks(stacks: string[]) {
	const { nodeTypes } = await loadPackage();
	for (const [name, type] of Object.entries(nodeTypes.types)) {
		if (!name.startsWith(`${PACKAGE_NAME}.`)) continue;
		const node = type as INodeType;
		const execute = node.execute!;
		node.execute = async function (this: IExecuteFunctions) {
			const helpers = this.helpers as unknown as Record<string, (...args: unknown[]) => unknown>;
			for (const helper of ['httpRequestWithAuthentication', 'httpRequest']) {
				const original = helpers[helper];
				helpers[helper] = function (this: unknown, ...args: unknown[]) {
					stacks.push(new Error('helper called').stack ?? '');
					return original.apply(this, args);
				};
			}
			return await execute.call(this);
		};
	}
}

async function main() {
	const listFiles = process.argv.includes('--files');
	Error.stackTraceLimit = Infinity;
	const servers = createVendorServers();
	for (const [vendor, server] of Object.entries(servers) as Array<
		[Vendor, (typeof servers)[Vendor]]
	>) {
		await server.start(VENDORS[vendor].mountPath);
		server.apiKey = SECRET_KEYS[vendor];
	}
	const stacks: string[] = [];
	await recordHelperStacks(stacks);
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
			stacks.length = 0;
			const result = await run();
			if (result.error) throw result.error;
			const { result: coverage } = (await session.post('Profiler.takePreciseCoverage')) as {
				result: ScriptCoverage[];
			};
			const files = filesRun(coverage);
			const measures = stacks.map((stack) => measure(visitsOf(stack)));
			const most = (key: keyof Measures) => Math.max(...measures.map((m) => m[key]));
			const folder = vendorFolder(files.find((f) => f.endsWith('.node.ts')) ?? '');
			const d = files.filter((file) => folder && file.startsWith(folder)).length;
			lines.push(
				`${node.id}: a=${most('a')} b=${most('b')} c=${most('c')} d=${d} (${stacks.length} HTTP calls, ${files.length} files ran)`,
			);
			if (listFiles) {
				lines.push(`  files: ${files.join(' ')}`);
				const routes = new Set(
					stacks.map((stack) =>
						visitsOf(stack)
							.map((v) => v.file)
							.join(' → '),
					),
				);
				for (const route of routes) lines.push(`  route: ${route}`);
			}
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
