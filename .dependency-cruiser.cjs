// The layers of the shipped code import one way only (npm run lint checks this):
//   helpers (nodes/shared/*.ts) ← http ← image ← run ← a vendor folder (nodes/<Vendor>/)
// and inside every vendor folder: transport ← models ← engines ← actions ← the node files (models/:
// declarations of the models one engine runs, where a vendor has several). The shared core
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
	to: { path: `^nodes/$1/(${forbiddenParts}|[^/]+\\.node\\.ts$)` },
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
			'models|engines|actions',
			"A vendor's transport (errors, tasks, credential) knows no engine or action.",
		),
		vendorLayer(
			'vendor-model-imports-upper-part',
			'models',
			'engines|actions',
			'A model is a declaration: it names no engine or action that runs it.',
		),
		vendorLayer(
			'vendor-engine-imports-action',
			'engines',
			'actions',
			'An engine (a model or API) knows no node action.',
		),
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.build.json' },
	},
};
