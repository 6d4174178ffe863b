import { runNode } from './harness/engine';
import { fixtures } from './fixtures/images';
import { startServer, SECRET_KEYS } from './helpers';
import { NovitaServer } from './servers/novitaServer';
import { sniffImage } from '../nodes/shared/image/sniff';

const server = startServer(new NovitaServer());

beforeAll(() => {
	server.apiKey = SECRET_KEYS.novita;
});

const credentials = () => ({ novitaApi: { apiKey: SECRET_KEYS.novita, baseUrl: server.baseUrl } });

describe('Novita Reimagine', () => {
	it('sends the binary as bare base64 and returns the image in filesystem binary storage', async () => {
		const result = await runNode({
			nodeType: 'novitaReimagine',
			parameters: { inputSource: 'binary', binaryPropertyName: 'data', responseImageType: 'png', outputBinaryPropertyName: 'data' },
			items: [{ binary: { data: { data: fixtures.squarePng, fileName: 'photo.png', mimeType: 'image/png' } } }],
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const [req] = server.requestsTo('POST /v3/reimagine');
		expect(req.json).toEqual({
			image_file: fixtures.squarePng.toString('base64'),
			extra: { response_image_type: 'png', enterprise_plan: { enabled: false } },
		});
		expect(req.headers.authorization).toBe(`Bearer ${SECRET_KEYS.novita}`);
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.data.mimeType).toBe('image/png');
		expect(item.binary?.data.fileName).toBe('photo-reimagined.png');
		expect(item.binary?.data.id).toMatch(/^filesystem/);
		const bytes = await result.readBinary(item);
		expect(sniffImage(bytes)).toMatchObject({ format: 'png', width: 64, height: 64 });
	});
});
