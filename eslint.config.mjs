// Lints what ships (nodes/, credentials/, package.json) with both n8n rule sets:
// eslint-plugin-n8n-nodes-base (community, nodes, credentials) and
// @n8n/eslint-plugin-community-nodes (recommended, i.e. n8n Cloud-safe code);
// and the code around it (tests, benchmarks, scripts) with typescript-eslint's recommended rules.
import tsPlugin from '@typescript-eslint/eslint-plugin';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const { community, credentials, nodes } = n8nNodesBase.configs;

export default [
	{
		ignores: [
			'dist/**',
			'**/node_modules/**',
			'examples/**',
			'docs/**',
			'*.js',
			'*.mjs',
			'test/harness/*.js',
			'scripts/*.js',
			'scripts/compat/*.js',
			'scripts/*.mjs',
			'packages/**',
			'dist-packages/**',
			'.stryker-tmp/**',
			'reports/**',
		],
	},
	{
		files: ['**/*.ts', 'package.json'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...credentials.rules,
			// Written for n8n's internal docs slugs; community credentials link to full URLs,
			// which @n8n/community-nodes/credential-documentation-url validates instead.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...nodes.rules,
			// These want the string literal 'main'; @n8n/community-nodes/node-connection-type-literal
			// (the newer rule set) forbids it in favour of NodeConnectionTypes.Main.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// n8n-node lint (the verification check) has ESLint's recommended rules; this one was
			// met there first (a control-character class in a regular expression).
			'no-control-regex': 'error',
		},
	},
	{
		...n8nCommunityNodesPlugin.configs.recommended,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
	},
	{
		files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
		plugins: { '@typescript-eslint': tsPlugin },
		rules: {
			...tsPlugin.configs['eslint-recommended'].overrides[0].rules,
			...tsPlugin.configs.recommended.rules,
			// Test doubles stand in for n8n's wide interfaces; an `as never` or `any` there is deliberate.
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
];
