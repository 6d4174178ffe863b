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
import {
	n8nEnv,
	ownerSession,
	PACKAGE_DIR,
	prepareUserFolder,
	startN8n,
} from '../../scripts/realN8n';
import type { Sandbox } from '../../scripts/sandbox';
import { fixtures } from '../fixtures/images';
import { SANDBOX_KEYS, startSandbox } from '../../scripts/sandbox';
import type { Vendor } from '../vendors';
import { credentialForm, NODES, VENDORS } from '../vendors';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying to reach Google, which this network refuses.
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
];
const SCREENSHOTS = join(PACKAGE_DIR, 'docs', 'screenshots');

async function fill(page: Page, parameter: string, value: string) {
	await page.getByTestId(`parameter-input-${parameter}`).locator('input').first().fill(value);
}

/** Fills a vendor's credential dialog as a user does, pointing it at the sandbox. */
async function fillCredential(page: Page, vendor: Vendor) {
	const values = { apiKey: SANDBOX_KEYS[vendor], baseUrl: sandbox[vendor].baseUrl };
	for (const step of credentialForm(vendor)) {
		if ('type' in step) {
			await fill(page, step.type, values[step.value]);
		} else {
			await page.getByTestId(`parameter-input-${step.pick}`).click();
			await page.getByRole('option', { name: step.option }).click();
		}
	}
}

/** How many of the credential's test requests reached the sandbox with the sandbox key. */
function credentialTestRequests(vendor: Vendor): number {
	const { route, authenticated } = VENDORS[vendor].credentialTest;
	return sandbox[vendor]
		.requestsTo(route)
		.filter((r) => authenticated(r.headers, SANDBOX_KEYS[vendor])).length;
}

const userFolder = mkdtempSync(join(tmpdir(), 'n8n-ai-image-ui-'));
let n8n: RunningN8n;
let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let cookie: string;
const savedCredentials = new Set<string>();

beforeAll(async () => {
	mkdirSync(SCREENSHOTS, { recursive: true });
	sandbox = await startSandbox();
	prepareUserFolder(userFolder);
	// On free ports, so the test runs beside `npm run dev`.
	n8n = await startN8n(n8nEnv(userFolder));
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

const MANUAL_TRIGGER = {
	id: 'trigger',
	name: 'When clicking ‘Execute workflow’',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A POST to n8n's REST API as the owner; the created object's id. */
async function rest(path: string, body: object): Promise<{ id: string }> {
	const response = await fetch(`${n8n.url}/rest/${path}`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(response.status).toBe(200);
	return ((await response.json()) as { data: { id: string } }).data;
}

/** A saved workflow holding only a Manual Trigger, as a user has after choosing the first step. */
async function workflowWithTrigger(): Promise<string> {
	const workflow = await rest('workflows', {
		name: 'Editor test',
		nodes: [MANUAL_TRIGGER],
		connections: {},
		settings: {},
		active: false,
	});
	return workflow.id;
}

describe('the nodes in the n8n editor', () => {
	it.each(NODES)(
		'$id: found in the nodes panel, added, parameters shown, credential created and tested',
		async (node) => {
			const credential = VENDORS[node.vendor];
			const credentialScreenshot = `credential-${node.vendor}.png`;
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
			await expect(ndv.getByTestId('node-title-container').innerText()).resolves.toContain(
				node.displayName,
			);
			for (const pick of node.editorPicks ?? []) {
				await page.getByTestId(`parameter-input-${pick.parameter}`).click();
				await page.getByRole('option', { name: pick.option }).click();
				// The list fades out; a screenshot taken before it is gone shows it half-transparent.
				await page.getByRole('option', { name: pick.option }).waitFor({ state: 'hidden' });
			}
			for (const parameter of node.editorParameters) {
				await expect(page.getByTestId(`parameter-input-${parameter}`).isVisible()).resolves.toBe(
					true,
				);
			}
			await page.screenshot({ path: join(SCREENSHOTS, node.screenshot) });

			await page.getByTestId('node-credentials-select').click();
			await page.getByTestId('node-credentials-select-item-new').click();
			const modal = page.getByTestId('editCredential-modal');
			await modal.waitFor();
			await expect(modal.innerText()).resolves.toContain(credential.credentialDisplayName);
			// The fields a user types into before any choice (later ones may appear after a pick).
			const form = credentialForm(node.vendor);
			const firstPick = form.findIndex((step) => 'pick' in step);
			for (const step of form.slice(0, firstPick < 0 ? undefined : firstPick)) {
				if ('type' in step)
					await expect(modal.getByTestId(`parameter-input-${step.type}`).isVisible()).resolves.toBe(
						true,
					);
			}
			if (!savedCredentials.has(node.vendor)) {
				savedCredentials.add(node.vendor);
				await page.screenshot({ path: join(SCREENSHOTS, credentialScreenshot) });
				// Saving runs the credential's test request against the sandbox, as n8n does with the vendor.
				await fillCredential(page, node.vendor);
				await page.getByTestId('credential-save-button').click();
				await page
					.getByTestId('credentials-config-container-test-success')
					.waitFor({ timeout: 30_000 });
				expect(credentialTestRequests(node.vendor)).toBeGreaterThan(0);
			}
		},
	);
});

describe('failing runs from the editor, as a newcomer tries a wrong key', () => {
	const WRONG_KEY = 'ui-wrong-key-7c1d9e';

	it('leave n8n’s log free of circular-JSON blocks and of calls home, and the key out of it', async () => {
		const credential = await rest('credentials', {
			name: 'Novita wrong key',
			type: 'novitaApi',
			data: { apiKey: WRONG_KEY, baseUrl: sandbox.novita.baseUrl },
		});
		const workflow = await rest('workflows', {
			name: 'Wrong key',
			nodes: [
				MANUAL_TRIGGER,
				{
					id: 'novita',
					name: 'Novita Reimagine',
					type: 'n8n-nodes-ai-image.novitaReimagine',
					typeVersion: 1,
					position: [240, 0],
					parameters: {
						inputSource: 'base64',
						imageBase64: fixtures.squarePng.toString('base64'),
					},
					credentials: { novitaApi: { id: credential.id, name: 'Novita wrong key' } },
				},
			],
			connections: {
				'When clicking ‘Execute workflow’': {
					main: [[{ node: 'Novita Reimagine', type: 'main', index: 0 }]],
				},
			},
			settings: {},
			active: false,
		});
		const route = 'POST /v3/reimagine';
		const wrongKeyRequests = () =>
			sandbox.novita
				.requestsTo(route)
				.filter((r) => r.headers.authorization === `Bearer ${WRONG_KEY}`).length;
		await page.goto(`${n8n.url}/workflow/${workflow.id}`);
		const logFrom = n8n.output().length;
		for (let run = 1; run <= 3; run++) {
			await page.getByTestId('execute-workflow-button').click();
			for (let waited = 0; wrongKeyRequests() < run && waited < 30_000; waited += 100)
				await new Promise((resolve) => setTimeout(resolve, 100));
			expect(wrongKeyRequests()).toBe(run);
			// The run ends with the node's error on the canvas.
			await page
				.getByText(/invalid api-key/)
				.first()
				.waitFor({ timeout: 30_000 });
		}
		// n8n writes its log lines for the run after answering the editor.
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		const log = n8n.output().slice(logFrom);
		expect(log).not.toMatch(/circular structure|_httpMessage/);
		expect(log).not.toMatch(/api\.n8n\.io|ENOTFOUND/);
		expect(log).not.toContain(WRONG_KEY);
	}, 120_000);
});
