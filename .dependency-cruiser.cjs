// The layers of the shipped code import one way only (npm run lint checks this):
//   helpers (nodes/shared/*.ts) ← http ← image ← run ← vendors/<vendor> ← node folders
// no cycles; credential modules are read by nothing but run/credentialSecrets.ts (for their
// password fields), and credentials import no node code but the vendor tables they share.
/** @type {import('dependency-cruiser').IConfiguration} */
const layer = (name, from, forbiddenTargets, comment) => ({
	name,
	severity: 'error',
	comment,
	from: { path: from },
	to: { path: `^nodes/shared/(${forbiddenTargets})/` },
});

module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment: 'Files that import each other cannot be read or moved one at a time.',
			from: {},
			to: { circular: true },
		},
		{
			name: 'credential-module-imported',
			severity: 'error',
			comment:
				'Nodes reach credentials through n8n (ctx.getCredentials); tables both need live in the vendor layer.',
			from: { path: '^nodes/', pathNot: '^nodes/shared/run/credentialSecrets\\.ts$' },
			to: { path: '^credentials/' },
		},
		{
			name: 'credential-imports-node-code',
			severity: 'error',
			comment: 'A credential may share a vendor table, nothing else.',
			from: { path: '^credentials/' },
			to: { path: '^nodes/', pathNot: '^nodes/shared/vendors/[^/]+/hosts\\.ts$' },
		},
		{
			name: 'shared-imports-node',
			severity: 'error',
			comment: 'The shared core serves the node folders, never the other way round.',
			from: { path: '^nodes/shared/' },
			to: { path: '^nodes/(?!shared/)' },
		},
		layer(
			'helpers-import-upper-layer',
			'^nodes/shared/[^/]+\\.ts$',
			'http|image|run|vendors',
			'Helpers stand below every layer.',
		),
		layer(
			'http-imports-upper-layer',
			'^nodes/shared/http/',
			'image|run|vendors',
			'Transport knows nothing of images, runs or vendors.',
		),
		layer(
			'image-imports-upper-layer',
			'^nodes/shared/image/',
			'run|vendors',
			'Image handling is the same for every vendor and run.',
		),
		layer(
			'run-imports-vendor',
			'^nodes/shared/run/',
			'vendors',
			'The node-run framework knows no vendor.',
		),
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.build.json' },
	},
};
