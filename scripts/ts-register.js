// Lets plain `node -r ./scripts/ts-register.js file.ts` run the TypeScript scripts, benchmarks and
// contract servers without a build step or another dependency: TypeScript only strips the types.
const { readFileSync } = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2022,
			esModuleInterop: true,
			inlineSourceMap: true,
		},
	});
	module._compile(outputText, filename);
};
