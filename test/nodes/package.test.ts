// eslint-disable-next-line @typescript-eslint/no-require-imports
const { check, requiredFiles } = require('../../scripts/checkPackage') as {
	check(files?: string[]): { files: string[]; stray: string[]; missing: string[] };
	requiredFiles(): string[];
};

describe('the package as it ships', () => {
	it('holds every node, its codex file, every credential and every icon they reference, and nothing else', () => {
		const { stray, missing, files } = check();
		expect(stray).toEqual([]);
		expect(missing).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(requiredFiles()));
	});

	it('requires each node’s codex file and both icons: without them, the check fails', () => {
		const required = requiredFiles();
		expect(required).toEqual(
			expect.arrayContaining([
				'dist/nodes/OpenAi/OpenAiImageVariation.node.json',
				'dist/icons/openai.svg',
				'dist/icons/openai.dark.svg',
				'dist/credentials/OpenAiImagesApi.credentials.js',
			]),
		);
		const without = required.filter(
			(file) =>
				file !== 'dist/nodes/Novita/NovitaReimagine.node.json' &&
				file !== 'dist/icons/freepik.dark.svg',
		);
		expect(check([...without, 'src/leftover.ts']).missing).toEqual([
			'dist/nodes/Novita/NovitaReimagine.node.json',
			'dist/icons/freepik.dark.svg',
		]);
		expect(check([...without, 'src/leftover.ts']).stray).toEqual(['src/leftover.ts']);
	});
});
