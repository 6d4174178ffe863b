import { uploadUrlRequest } from '../../../nodes/Freepik/transport/uploads';
import { makePng } from '../../fixtures/images';

// One request for upload URLs takes at most 14 files ("You can request up to 14 files in a single
// call"): the models here take at most 5 images, and a declaration beyond 14 must fail loudly.

const file = () => {
	const png = makePng(8, 8, 1);
	return {
		contentType: 'image/png',
		image: {
			size: png.length,
			head: png,
			baseName: 'a',
			chunks: async function* () {},
			buffer: async () => png,
		},
	};
};

describe('uploadUrlRequest', () => {
	it('asks for each file by its content type, in order, up to 14', () => {
		const files = Array.from({ length: 14 }, file);
		expect(uploadUrlRequest(files)).toEqual({
			files: Array.from({ length: 14 }, () => ({ content_type: 'image/png' })),
		});
	});

	it('refuses 15 files', () => {
		expect(() => uploadUrlRequest(Array.from({ length: 15 }, file))).toThrow(
			'Magnific takes at most 14 files per upload request',
		);
	});
});
