// The package the CLI suite installs (N8N_PACKAGE: the combined n8n-nodes-ai-image by default, or
// one vendor package of `npm run pack:vendors`), and the example workflows and credentials as a user
// of that package has them: its node types, its credential type names, only its vendors' nodes.
import type { ExampleWorkflow, SandboxCredential } from '../../scripts/sandbox';
import { PACKAGE_NAME, selectedPackage } from '../../scripts/realN8n';

export const installed = selectedPackage();

/** Whether the package holds the nodes of a vendor (novita, freepik, openai). */
export const covers = (vendor: string): boolean => installed.vendors.includes(vendor);

/** Example and test workflow ids name their vendor second: example-novita-…, e2e-freepik-…. */
export const coversWorkflow = (id: string): boolean => covers(id.split('-')[1]);

/** `it` for a test of a vendor's nodes: skipped for a package without them. */
export const itFor = (vendor: string): jest.It => (covers(vendor) ? it : it.skip);

export const credentialType = (combinedName: string): string => {
	const name = installed.credentialTypes[combinedName];
	if (!name) throw new Error(`${installed.name} has no credential for ${combinedName}`);
	return name;
};

/** An example workflow with the installed package's node and credential types. */
export function asInstalled(workflow: ExampleWorkflow): ExampleWorkflow {
	for (const node of workflow.nodes) {
		if (!node.type.startsWith(`${PACKAGE_NAME}.`)) continue;
		node.type = `${installed.name}.${node.type.slice(PACKAGE_NAME.length + 1)}`;
		node.credentials = Object.fromEntries(
			Object.entries(node.credentials ?? {}).map(([type, ref]) => [credentialType(type), ref]),
		);
	}
	return workflow;
}

/** The credentials the installed package's nodes can use, under its credential type names. */
export function installedCredentials(credentials: SandboxCredential[]): SandboxCredential[] {
	return credentials
		.filter((credential) => credential.type in installed.credentialTypes)
		.map((credential) => ({ ...credential, type: credentialType(credential.type) }));
}
