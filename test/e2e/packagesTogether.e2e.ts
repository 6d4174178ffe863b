// n8n-nodes-ai-image and every vendor package installed in one real n8n, as a self-hoster who moves
// to the vendor packages has them for a while. Credential type names are global in n8n: two packages
// declaring the same one would leave n8n with one of the two classes, listed twice. Each vendor
// package's credential type is its own (scripts/vendorPackages.ts), so both packages' nodes run,
// each with a credential of its own package's type, and n8n lists each type once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { InstallablePackage } from '../../scripts/realN8n';
import {
	COMBINED_PACKAGE,
	executeWorkflow,
	importIntoN8n,
	installPackedPackage,
	n8nEnv,
	ownerSession,
	PACKAGE_NAME,
	selectedRuntime,
	startN8n,
	vendorInstallables,
} from '../../scripts/realN8n';
import type { ExampleWorkflow, Sandbox, SandboxCredential } from '../../scripts/sandbox';
import { sandboxExamples, startSandbox } from '../../scripts/sandbox';

const EXAMPLES = [
	'example-novita-reimagine',
	'example-freepik-reimagine-flux',
	'example-openai-image-variation',
];

const runtime = selectedRuntime();
const userFolder = mkdtempSync(join(tmpdir(), 'n8n-ai-image-together-'));
const packages = [COMBINED_PACKAGE, ...vendorInstallables()];
let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
/** The names of the packages' nodes in the workflow. */
let ourNodes: string[];

/** The package's copy of a node: its node type, and a credential of its own type. */
function nodeOf(pkg: InstallablePackage, example: ExampleWorkflow) {
	const node = example.nodes.find((candidate) => candidate.type.startsWith(`${PACKAGE_NAME}.`))!;
	const [[type, ref]] = Object.entries(node.credentials!);
	return {
		...node,
		id: '',
		name: `${pkg.name}: ${node.name}`,
		type: `${pkg.name}.${node.type.slice(PACKAGE_NAME.length + 1)}`,
		position: [0, 0],
		credentials: { [pkg.credentialTypes[type]]: { ...ref, id: `${pkg.name}-${ref.id}` } },
	};
}

/** Read Image feeding, side by side, each package's copy of each example's node. */
function together(examples: ExampleWorkflow[]): ExampleWorkflow {
	const base = examples.find((workflow) => workflow.id === EXAMPLES[0])!;
	const nodes = packages.flatMap((pkg) =>
		examples
			.filter((example) => pkg.vendors.includes(example.id.split('-')[1]))
			.map((example) => nodeOf(pkg, example)),
	);
	nodes.forEach((node, index) => {
		node.id = `node-${index}`;
		node.position = [440, index * 160];
	});
	return {
		...base,
		id: 'e2e-packages-together',
		name: 'E2E: every package in one n8n',
		nodes: [...base.nodes.filter((node) => !node.type.startsWith(`${PACKAGE_NAME}.`)), ...nodes],
		connections: {
			...(base.connections as object),
			'Read Image': { main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
	};
}

/** Each package's own copy of the sandbox credentials its nodes use. */
function credentialsFor(credentials: SandboxCredential[]): SandboxCredential[] {
	return packages.flatMap((pkg) =>
		credentials
			.filter((credential) => credential.type in pkg.credentialTypes)
			.map((credential) => ({
				...credential,
				id: `${pkg.name}-${credential.id}`,
				type: pkg.credentialTypes[credential.type],
			})),
	);
}

beforeAll(async () => {
	sandbox = await startSandbox();
	for (const pkg of packages) installPackedPackage(userFolder, pkg);
	env = n8nEnv(userFolder);
	const examples = sandboxExamples(sandbox.sampleImageUrl, sandbox.sampleMaskUrl).filter((w) =>
		EXAMPLES.includes(w.id),
	);
	const workflow = together(examples);
	ourNodes = workflow.nodes
		.map((node) => node.name)
		.filter((name) => name.startsWith('n8n-nodes-'));
	await importIntoN8n(env, credentialsFor(sandbox.credentials()), [workflow]);
}, 240_000);

afterAll(async () => {
	await sandbox?.stop();
	rmSync(userFolder, { recursive: true, force: true });
});

describe(`n8n-nodes-ai-image beside the vendor packages in n8n ${runtime.n8nVersion}`, () => {
	it('the nodes of every package run in one workflow, each with its own package’s credential', async () => {
		const { code, run } = await executeWorkflow<{
			data: {
				resultData: {
					error?: unknown;
					runData: Record<string, Array<{ executionStatus: string; data: { main: unknown[][] } }>>;
				};
			};
		}>('e2e-packages-together', env);
		expect(code).toBe(0);
		expect(run.data.resultData.error).toBeUndefined();
		// Six nodes: the combined package's three and one of each vendor package.
		expect(ourNodes).toHaveLength(2 * EXAMPLES.length);
		for (const name of ourNodes) {
			const [nodeRun] = run.data.resultData.runData[name] ?? [];
			expect({ name, status: nodeRun?.executionStatus }).toEqual({ name, status: 'success' });
			expect(nodeRun.data.main[0].length).toBeGreaterThan(0);
		}
	});

	it('n8n lists each credential type once, for the nodes of its own package only', async () => {
		const n8n = await startN8n(env);
		try {
			const cookie = await ownerSession(n8n.url);
			const response = await fetch(`${n8n.url}/types/credentials.json`, { headers: { cookie } });
			const types = (await response.json()) as Array<{ name: string; supportedNodes?: string[] }>;
			for (const pkg of packages)
				for (const name of Object.values(pkg.credentialTypes)) {
					const listed = types.filter((type) => type.name === name);
					expect(listed).toHaveLength(1);
					expect(listed[0].supportedNodes?.length).toBeGreaterThan(0);
					for (const node of listed[0].supportedNodes ?? [])
						expect(node.startsWith(`${pkg.name}.`)).toBe(true);
				}
		} finally {
			await n8n.stop();
		}
	});
});
