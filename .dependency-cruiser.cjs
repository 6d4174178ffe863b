// The layers of the shipped code import one way only (npm run lint checks this):
//   helpers (nodes/shared/*.ts) ← http ← image ← run ← a vendor folder (nodes/<Vendor>/)
// and inside every vendor folder, in n8n's words: transport ← models ← actions ← the node files
// (transport/: the vendor's API as the nodes reach it, and its tasks; models/: declarations of the
// models an operation runs, where a vendor has several; actions/: each operation's properties and
// per-item execute in <op>.operation.ts, what it reads beside it, and the router that chooses).
// Inside an operation's own folder (actions/edits/), its tables (models.ts) import nothing of the
// operation and only the operation file imports its parameters: three floors at most. The shared core
// names no vendor and imports no credential; a vendor folder imports no other vendor's; a
// credential imports nothing from nodes/ (a vendor imports its own credential, for its name and
// the password fields its runs redact). No cycles.
/** @type {import('dependency-cruiser').IConfiguration} */
const layer = (name, from, forbiddenTargets, comment) => ({
	name,
	severity: 'error',
	comment,
	from: { path: from },
	to: { path: `^nodes/shared/(${forbiddenTargets})/` },
});

/** Inside a vendor folder: a lower part never imports a higher one. */
const vendorLayer = (name, part, forbiddenParts, comment) => ({
	name,
	severity: 'error',
	comment,
	from: { path: `^nodes/([^/]+)/${part}/` },
	to: { path: `^nodes/$1/(${forbiddenParts})/` },
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
			name: 'shared-imports-credential',
			severity: 'error',
			comment:
				'The shared core receives a credential type from the vendor that runs it, and names none itself.',
			from: { path: '^nodes/shared/' },
			to: { path: '^credentials/' },
		},
		{
			name: 'credential-imports-node-code',
			severity: 'error',
			comment:
				'A credential stands alone: what it shares with its node lives beside it in credentials/.',
			from: { path: '^credentials/' },
			to: { path: '^nodes/' },
		},
		{
			name: 'shared-imports-vendor',
			severity: 'error',
			comment: 'The shared core serves the vendor folders, never the other way round.',
			from: { path: '^nodes/shared/' },
			to: { path: '^nodes/(?!shared/)' },
		},
		{
			name: 'vendor-imports-other-vendor',
			severity: 'error',
			comment: 'What two vendors share belongs in nodes/shared/.',
			from: { path: '^nodes/(?!shared/)([^/]+)/' },
			to: { path: '^nodes/', pathNot: ['^nodes/$1/', '^nodes/shared/'] },
		},
		layer(
			'helpers-import-upper-layer',
			'^nodes/shared/[^/]+\\.ts$',
			'http|image|run',
			'Helpers stand below every layer.',
		),
		layer(
			'http-imports-upper-layer',
			'^nodes/shared/http/',
			'image|run',
			'Transport knows nothing of images or runs.',
		),
		layer(
			'image-imports-upper-layer',
			'^nodes/shared/image/',
			'run',
			'Image handling is the same for every run.',
		),
		vendorLayer(
			'vendor-transport-imports-upper-part',
			'transport',
			'models|actions',
			"A vendor's transport (credential, host, errors, tasks) knows no model or action.",
		),
		vendorLayer(
			'vendor-model-imports-upper-part',
			'models',
			'actions',
			'A model is a declaration: it names no action that runs it.',
		),
		{
			name: 'operation-table-imports-operation',
			severity: 'error',
			comment:
				"An operation's tables (actions/<op>/models.ts) are data below everything else of the operation.",
			from: { path: '^nodes/[^/]+/actions/([^/]+)/models\\.ts$' },
			to: { path: '^nodes/[^/]+/actions/', pathNot: ['^nodes/[^/]+/actions/$1/models\\.ts$'] },
		},
		{
			name: 'operation-part-imports-operation',
			severity: 'error',
			comment:
				'What an operation reads and shows (its parameters, properties) never reaches back to the operation or the router.',
			from: { path: '^nodes/[^/]+/actions/[^/]+/(?!.*\\.operation\\.ts$)' },
			to: { path: '^nodes/[^/]+/actions/(router\\.ts|[^/]+/[^/]+\\.operation\\.ts)$' },
		},
		{
			name: 'vendor-code-imports-node-file',
			severity: 'error',
			comment: 'The node file is the top of its vendor folder: nothing imports it.',
			from: { path: '^nodes/' },
			to: { path: '\\.node\\.ts$' },
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.build.json' },
	},
};
