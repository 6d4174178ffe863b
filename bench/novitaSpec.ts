import type { InputItem, RunSpec } from '../test/harness/engine';

/** The benchmarked node: Novita Reimagine reading binary `data`, with the given options, continueOnFail on. */
export function novitaReimagineSpec(
	items: InputItem[],
	credentials: { apiKey: string; baseUrl: string },
	options: Record<string, unknown> = {},
): RunSpec {
	return {
		nodeType: 'novitaReimagine',
		parameters: {
			inputSource: 'binary',
			binaryPropertyName: 'data',
			responseImageType: 'png',
			outputBinaryPropertyName: 'data',
			options,
		} as never,
		items,
		credentials: { novitaApi: credentials },
		continueOnFail: true,
	};
}
