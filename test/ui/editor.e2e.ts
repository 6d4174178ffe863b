// The editor, as a user meets it: a real n8n (scripts/realN8n.ts) driven in Debian's Chromium by
// playwright-core. Finds each node in the nodes panel, adds it, checks its parameter panel, opens the
// credential dialog, saves a credential against the sandbox (n8n runs the credential test), and saves
// screenshots to docs/screenshots/ for the README.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium, selectors } from 'playwright-core';

import type { RunningN8n } from '../../scripts/realN8n';
import { n8nEnv, ownerSession, PACKAGE_DIR, prepareUserFolder, startN8n } from '../../scripts/realN8n';
import type { Sandbox } from '../../scripts/sandbox';
import { SANDBOX_KEYS, startSandbox } from '../../scripts/sandbox';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying to reach Google, which this network refuses.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const SCREENSHOTS = join(PACKAGE_DIR, 'docs', 'screenshots');
const PORT = Number(process.env.UI_TEST_N8N_PORT ?? 5710);

interface NodeCase {
	displayName: string;
	file: string;
	parameters: string[];
	credential: {
		displayName: string;
		file: string;
		fill: (page: Page, sandbox: Sandbox) => Promise<void>;
		/** The credential's test request as the sandbox records it. */
		testRequests: (sandbox: Sandbox) => number;
	};
}

async function fill(page: Page, parameter: string, value: string) {
	await page.getByTestId(`parameter-input-${parameter}`).locator('input').first().fill(value);
}

const novitaCredential = {
	displayName: 'Novita AI API',
	file: 'credential-novita.png',
	fill: async (page: Page, sandbox: Sandbox) => {
		await fill(page, 'apiKey', SANDBOX_KEYS.novita);
		await fill(page, 'baseUrl', sandbox.novita.baseUrl);
	},
	testRequests: (sandbox: Sandbox) => sandbox.novita.requestsTo('GET /openapi/v1/billing/balance/detail').filter((r) => r.headers.authorization === `Bearer ${SANDBOX_KEYS.novita}`).length,
};

const nodes: NodeCase[] = [
	{ displayName: 'Novita Reimagine', file: 'novita-reimagine.png', parameters: ['inputSource', 'binaryPropertyName', 'responseImageType', 'outputBinaryPropertyName'], credential: novitaCredential },
	{ displayName: 'Novita Replace Background', file: 'novita-replace-background.png', parameters: ['inputSource', 'binaryPropertyName', 'prompt', 'responseImageType', 'outputBinaryPropertyName'], credential: novitaCredential },
	{
		displayName: 'Freepik Reimagine Flux',
		file: 'freepik-reimagine-flux.png',
		parameters: ['inputSource', 'prompt', 'imagination', 'aspectRatio', 'webhookUrl', 'downloadImages'],
		credential: {
			displayName: 'Freepik (Magnific) API',
			file: 'credential-freepik.png',
			fill: async (page, sandbox) => {
				await fill(page, 'apiKey', SANDBOX_KEYS.freepik);
				await page.getByTestId('parameter-input-host').click();
				await page.getByRole('option', { name: 'Custom' }).click();
				await fill(page, 'baseUrl', sandbox.freepik.baseUrl);
			},
			testRequests: (sandbox) => sandbox.freepik.requestsTo('GET /v1/ai/text-to-image/flux-dev').filter((r) => r.headers['x-freepik-api-key'] === SANDBOX_KEYS.freepik).length,
		},
	},
	{
		displayName: 'OpenAI Image Variation',
		file: 'openai-image-variation.png',
		parameters: ['inputSource', 'model', 'n', 'size', 'responseFormat'],
		credential: {
			displayName: 'OpenAI-Compatible Images API',
			file: 'credential-openai.png',
			fill: async (page, sandbox) => {
				await fill(page, 'apiKey', SANDBOX_KEYS.openai);
				await fill(page, 'baseUrl', sandbox.openai.baseUrl);
			},
			testRequests: (sandbox) => sandbox.openai.requestsTo('GET /models').filter((r) => r.headers.authorization === `Bearer ${SANDBOX_KEYS.openai}`).length,
		},
	},
];

const userFolder = mkdtempSync(join(tmpdir(), 'n8n-ai-image-ui-'));
let n8n: RunningN8n;
let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let cookie: string;
const savedCredentials = new Set<string>();

beforeAll(async () => {
	mkdirSync(SCREENSHOTS, { recursive: true });
	sandbox = await startSandbox({ novita: 0, freepik: 0, openai: 0 });
	prepareUserFolder(userFolder);
	n8n = await startN8n(n8nEnv(userFolder), PORT);
	cookie = await ownerSession(n8n.url);
	selectors.setTestIdAttribute('data-test-id');
	browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const [name, value] = cookie.split('=');
	await context.addCookies([{ name, value, url: n8n.url }]);
	page = await context.newPage();
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
	await sandbox?.stop();
	rmSync(userFolder, { recursive: true, force: true });
});

/** A saved workflow holding only a Manual Trigger, as a user has after choosing the first step. */
async function workflowWithTrigger(): Promise<string> {
	const response = await fetch(`${n8n.url}/rest/workflows`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({
			name: 'Editor test',
			nodes: [{ id: 'trigger', name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
			connections: {},
			settings: {},
			active: false,
		}),
	});
	expect(response.status).toBe(200);
	return ((await response.json()) as { data: { id: string } }).data.id;
}

describe('the nodes in the n8n editor', () => {
	it.each(nodes)('$displayName: found in the nodes panel, added, parameters shown, credential created and tested', async (node) => {
		await page.goto(`${n8n.url}/workflow/${await workflowWithTrigger()}`);
		await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill(node.displayName);
		const first = page.getByTestId('item-iterator-item').first();
		await expect(first.innerText()).resolves.toContain(node.displayName);
		await first.click();
		// Community nodes open a details page first; "Add to workflow" adds the node and opens its panel.
		await page.getByRole('button', { name: 'Add to workflow' }).click();

		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		await expect(ndv.getByTestId('node-title-container').innerText()).resolves.toContain(node.displayName);
		for (const parameter of node.parameters) {
			await expect(page.getByTestId(`parameter-input-${parameter}`).isVisible()).resolves.toBe(true);
		}
		await page.screenshot({ path: join(SCREENSHOTS, node.file) });

		await page.getByTestId('node-credentials-select').click();
		await page.getByTestId('node-credentials-select-item-new').click();
		const modal = page.getByTestId('editCredential-modal');
		await modal.waitFor();
		await expect(modal.innerText()).resolves.toContain(node.credential.displayName);
		for (const parameter of ['apiKey', 'baseUrl']) {
			if (node.credential.file === 'credential-freepik.png' && parameter === 'baseUrl') continue; // shown for the Custom host only
			await expect(modal.getByTestId(`parameter-input-${parameter}`).isVisible()).resolves.toBe(true);
		}
		if (!savedCredentials.has(node.credential.file)) {
			savedCredentials.add(node.credential.file);
			await page.screenshot({ path: join(SCREENSHOTS, node.credential.file) });
			// Saving runs the credential's test request against the sandbox, as n8n does with the vendor.
			await node.credential.fill(page, sandbox);
			await page.getByTestId('credential-save-button').click();
			await page.getByTestId('credentials-config-container-test-success').waitFor({ timeout: 30_000 });
			expect(node.credential.testRequests(sandbox)).toBeGreaterThan(0);
		}
	});
});
