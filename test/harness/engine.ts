import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import {
	BinaryDataService,
	ExecutionLifecycleHooks,
	PackageDirectoryLoader,
	WorkflowExecute,
} from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import type {
	ExecutionError,
	IBinaryData,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	INodeTypeDescription,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	LoggerProxy,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';
import { join } from 'node:path';

import { TestCredentialsHelper } from './credentialsHelper';

export const PACKAGE_DIR = join(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-ai-image';

/** An input item for the node under test; binaries are stored through n8n like any upstream node's. */
export interface InputItem {
	json?: IDataObject;
	/** `data` may be a function, so big inputs exist only while n8n stores them (memory benchmarks). */
	binary?: Record<string, { data: Buffer | (() => Buffer); fileName?: string; mimeType?: string }>;
}

/** A node placed between Test Input and the node under test (e.g. Extract From File before HTTP Request). */
export interface ChainNode {
	type: string;
	typeVersion: number;
	parameters: INodeParameters;
}

export interface RunSpec {
	/** Node type without the package prefix, e.g. "novitaReimagine", or a full type registered with registerNodeTypes. */
	nodeType: string;
	typeVersion?: number;
	/** Nodes run between Test Input and the node under test. */
	before?: ChainNode[];
	parameters: INodeParameters;
	items?: InputItem[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
	/** n8n's node setting "Retry On Fail" (defaults: 3 tries, 1 s apart). */
	retryOnFail?: boolean;
	/** With Retry On Fail: how many tries (n8n takes 2 to 5) and how long between them. */
	maxTries?: number;
	waitBetweenTries?: number;
	/** Called just before the node under test starts (after its inputs exist), e.g. to take a memory baseline. */
	onNodeStart?: () => void;
	/** Called as soon as the node under test has finished, before n8n stores its output. */
	onNodeEnd?: () => void;
	/** Called once the execution has started; receives a function that cancels it. */
	onStart?: (cancel: () => void) => void;
	/**
	 * Run the node as an AI agent's tool (its "<name>Tool" variant) instead, called once with these
	 * arguments: `toolAnswer` is then what the agent received.
	 */
	asToolWith?: IDataObject;
}

export interface RunResult {
	run: IRun;
	status: IRun['status'];
	/** Output items of the node under test (main output 0). */
	items: INodeExecutionData[];
	/** The node's error when the run failed. */
	error?: ExecutionError;
	readBinary(item: INodeExecutionData, property?: string): Promise<Buffer>;
	binaryPath(item: INodeExecutionData, property?: string): string | undefined;
	credentialsHelper: TestCredentialsHelper;
	/** With `asToolWith`: the tool's answer as the agent read it (n8n hands it over as JSON text). */
	toolAnswer?: unknown;
}

/** Log lines n8n and the nodes wrote, for secret-leak checks. */
export const capturedLogs: string[] = [];

const captureLogger = {
	error: (message: string, meta?: object) =>
		capturedLogs.push(`error ${message} ${JSON.stringify(meta ?? {})}`),
	warn: (message: string, meta?: object) =>
		capturedLogs.push(`warn ${message} ${JSON.stringify(meta ?? {})}`),
	info: (message: string, meta?: object) =>
		capturedLogs.push(`info ${message} ${JSON.stringify(meta ?? {})}`),
	debug: (message: string, meta?: object) =>
		capturedLogs.push(`debug ${message} ${JSON.stringify(meta ?? {})}`),
	scoped() {
		return captureLogger;
	},
};

const inputRegistry = new Map<string, InputItem[]>();

/** Stands in for an upstream node (Read File, HTTP Request...) that hands binaries to ours. */
class TestInput implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Emits the items a test registered',
		defaults: { name: 'Test Input' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Key', name: 'key', type: 'string' as const, default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const key = this.getNodeParameter('key', 0) as string;
		const items = inputRegistry.get(key) ?? [];
		const output: INodeExecutionData[] = [];
		for (const [index, item] of items.entries()) {
			const binary: Record<string, IBinaryData> = {};
			for (const [name, file] of Object.entries(item.binary ?? {})) {
				const data = typeof file.data === 'function' ? file.data() : file.data;
				binary[name] = await this.helpers.prepareBinaryData(data, file.fileName, file.mimeType);
			}
			output.push({
				json: item.json ?? {},
				...(item.binary ? { binary } : {}),
				pairedItem: { item: index },
			});
		}
		return [output];
	}
}

class PackageNodeTypes implements INodeTypes {
	constructor(readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string) {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		if (!this.types[nodeType] && nodeType.endsWith('Tool'))
			return asAiTool(this.getByNameAndVersion(nodeType.slice(0, -'Tool'.length), version));
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/**
 * The "<name>Tool" variant n8n makes of a node with usableAsTool, as n8n's NodeTypes does it
 * (packages/cli node-types.ts, tool-generation/ai-tools.ts): the same class with no main input, an
 * ai_tool output and a Description parameter; an agent then runs its execute() through n8n-core.
 */
function asAiTool(type: INodeType): INodeType {
	if (!type.description.usableAsTool)
		throw new Error(`${type.description.name} cannot be used as a tool`);
	const description: INodeTypeDescription = {
		...type.description,
		name: `${type.description.name}Tool`,
		displayName: `${type.description.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		properties: [
			...type.description.properties,
			{
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				default: type.description.description,
			},
		],
	};
	return Object.create(type, { description: { value: description } }) as INodeType;
}

/** What a test agent sends its tool, by run key. */
const toolCalls = new Map<string, IDataObject>();

/**
 * Stands in for an AI Agent: takes the tool connected to it through n8n-core (which wraps the node
 * as a LangChain tool), calls it once with the run's arguments, and outputs the text the tool
 * answered: what the language model would read.
 */
class TestAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Agent',
		name: 'testAgent',
		group: ['transform'],
		version: 1,
		description: 'Calls its tool once',
		defaults: { name: 'Test Agent' },
		inputs: [
			NodeConnectionTypes.Main,
			{ type: NodeConnectionTypes.AiTool, displayName: 'Tool', required: true, maxConnections: 1 },
		],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Key', name: 'key', type: 'string' as const, default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const key = this.getNodeParameter('key', 0) as string;
		const tool = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as {
			invoke(args: IDataObject): Promise<unknown>;
		};
		const answer = await tool.invoke(toolCalls.get(key) ?? {});
		return [[{ json: { answer: answer as string }, pairedItem: { item: 0 } }]];
	}
}

let initialised:
	| Promise<{ nodeTypes: PackageNodeTypes; credentialTypes: Record<string, ICredentialType> }>
	| undefined;

/** Loads the built package from dist/ exactly as n8n does: package.json's n8n section via PackageDirectoryLoader. */
async function init() {
	LoggerProxy.init(captureLogger);
	Container.set(Logger, captureLogger as unknown as Logger);
	await Container.get(BinaryDataService).init();
	(
		Container.get(SSHClientsManager) as unknown as { cleanupTimer?: NodeJS.Timeout }
	).cleanupTimer?.unref();

	const loader = new PackageDirectoryLoader(PACKAGE_DIR);
	await loader.loadAll();
	const types: Record<string, INodeType | IVersionedNodeType> = {
		'test.testInput': new TestInput(),
		'test.testAgent': new TestAgent(),
	};
	for (const [name, { type }] of Object.entries(loader.nodeTypes))
		types[`${loader.packageName}.${name}`] = type;
	const credentialTypes: Record<string, ICredentialType> = {};
	for (const [name, { type }] of Object.entries(loader.credentialTypes))
		credentialTypes[name] = type;
	return { nodeTypes: new PackageNodeTypes(types), credentialTypes };
}

export async function loadPackage() {
	initialised ??= init();
	return await initialised;
}

// Under jest, every file that runs nodes loads the package before its tests, not inside its first
// one: module-level code (node descriptions, option tables) then runs outside any test, which is
// what Stryker's per-test coverage calls static. Loaded inside a test, that code was credited to
// that one test, and its mutants were tested against it alone (docs/testing.md).
if (typeof beforeAll === 'function') beforeAll(loadPackage);

/** Adds node types from elsewhere (e.g. n8n-nodes-base's HTTP Request for the benchmarks), by full name. */
export async function registerNodeTypes(types: Record<string, INodeType | IVersionedNodeType>) {
	const { nodeTypes } = await loadPackage();
	Object.assign(nodeTypes.types, types);
}

let runCounter = 0;

/** Runs Test Input → node under test through n8n-core's WorkflowExecute and returns the node's output. */
export async function runNode(spec: RunSpec): Promise<RunResult> {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const key = `run-${++runCounter}`;
	inputRegistry.set(key, spec.items ?? [{ json: {} }]);

	const asTool = spec.asToolWith !== undefined;
	const node: INode = {
		id: 'node-under-test',
		name: 'Node Under Test',
		type: `${spec.nodeType.includes('.') ? spec.nodeType : `${PACKAGE_NAME}.${spec.nodeType}`}${asTool ? 'Tool' : ''}`,
		typeVersion: spec.typeVersion ?? 1,
		position: [200, 0],
		parameters: spec.parameters,
		continueOnFail: spec.continueOnFail,
		retryOnFail: spec.retryOnFail,
		...(spec.maxTries !== undefined ? { maxTries: spec.maxTries } : {}),
		...(spec.waitBetweenTries !== undefined ? { waitBetweenTries: spec.waitBetweenTries } : {}),
		credentials: Object.fromEntries(
			Object.keys(spec.credentials).map((type) => [
				type,
				{ id: `${type}-1`, name: `${type} account` },
			]),
		),
	};
	const inputNode: INode = {
		id: 'test-input',
		name: 'Test Input',
		type: 'test.testInput',
		typeVersion: 1,
		position: [0, 0],
		parameters: { key },
	};
	const chain: INode[] = (spec.before ?? []).map((step, index) => ({
		id: `before-${index}`,
		name: `Before ${index}`,
		type: step.type,
		typeVersion: step.typeVersion,
		position: [100, 0],
		parameters: step.parameters,
	}));
	// As a tool, the node hangs off an agent, which takes the main input instead.
	const agent: INode | undefined = asTool
		? {
				id: 'test-agent',
				name: 'Test Agent',
				type: 'test.testAgent',
				typeVersion: 1,
				position: [300, 0],
				parameters: { key },
			}
		: undefined;
	if (asTool) toolCalls.set(key, spec.asToolWith!);
	const mainLine = [inputNode, ...chain, agent ?? node];
	const names = mainLine.map((n) => n.name);
	const connections: IConnections = Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, index) => [
				name,
				{ main: [[{ node: names[index + 1], type: NodeConnectionTypes.Main, index: 0 }]] },
			]),
	);
	if (agent) {
		connections[node.name] = {
			[NodeConnectionTypes.AiTool]: [
				[{ node: agent.name, type: NodeConnectionTypes.AiTool, index: 0 }],
			],
		};
	}
	const nodes = agent ? [...mainLine, node] : mainLine;
	const workflow = new Workflow({
		id: `wf-${key}`,
		nodes,
		connections,
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});

	const credentialsHelper = new TestCredentialsHelper(credentialTypes, spec.credentials);
	const hooks = new ExecutionLifecycleHooks('manual', `exec-${key}`, {
		id: workflow.id,
		name: 'test',
		active: false,
		isArchived: false,
		nodes,
		connections: workflow.connectionsBySourceNode,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	const { onNodeStart, onNodeEnd } = spec;
	if (onNodeStart) {
		hooks.addHandler('nodeExecuteBefore', (nodeName) => {
			if (nodeName === 'Node Under Test') onNodeStart();
		});
	}
	if (onNodeEnd) {
		hooks.addHandler('nodeExecuteAfter', (nodeName) => {
			if (nodeName === 'Node Under Test') onNodeEnd();
		});
	}
	const additionalData = {
		credentialsHelper,
		hooks,
		executionId: `exec-${key}`,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not supported in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: inputNode, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const promise = execute.processRunExecutionData(workflow);
	spec.onStart?.(() => promise.cancel());
	let run: IRun;
	try {
		run = await promise;
	} finally {
		inputRegistry.delete(key);
		toolCalls.delete(key);
	}

	const taskData = run.data.resultData.runData['Node Under Test']?.[0];
	const items = taskData?.data?.main?.[0] ?? [];
	const agentOutput = agent
		? run.data.resultData.runData[agent.name]?.[0]?.data?.main?.[0]?.[0]
		: undefined;
	const binaryDataService = Container.get(BinaryDataService);
	return {
		run,
		status: run.status,
		items,
		error: taskData?.error ?? run.data.resultData.error,
		credentialsHelper,
		...(agentOutput
			? { toolAnswer: JSON.parse(agentOutput.json.answer as string) as unknown }
			: {}),
		async readBinary(item, property = 'data') {
			const binary = item.binary?.[property];
			if (!binary) throw new Error(`Item has no binary property ${property}`);
			return await binaryDataService.getAsBuffer(binary);
		},
		binaryPath(item, property = 'data') {
			const id = item.binary?.[property]?.id;
			return id ? binaryDataService.getPath(id) : undefined;
		},
	};
}
