import { decodeBase64 } from '../../../nodes/shared/image/base64';

// The decoder on its own: the data: URL grammar, whitespace and the base64 alphabet, beyond the
// plain data: URL and bare base64 the nodes are run with.
const BYTES = Buffer.from([0xfb, 0xff, 0xbf, 0x00, 0x10, 0x83, 0x7e]);
const STANDARD = BYTES.toString('base64'); // "+/+/ABCDfg==": both alphabet-specific characters
const URL_SAFE = BYTES.toString('base64url'); // "-_-_ABCDfg"

describe('decodeBase64', () => {
	it.each([
		['bare base64', STANDARD, undefined],
		['URL-safe base64 without padding', URL_SAFE, undefined],
		['spaces around it', `  ${STANDARD}\n`, undefined],
		['line breaks and spaces inside (MIME-style)', `+/+/\r\nAB CD\tfg==`, undefined],
		['a data: URL', `data:image/png;base64,${STANDARD}`, 'image/png'],
		[
			'a data: URL in capitals, type in lower case',
			`DATA:IMAGE/PNG;BASE64,${STANDARD}`,
			'image/png',
		],
		[
			'a data: URL with parameters',
			`data:image/svg+xml;charset=utf-8;name=a.b;base64,${STANDARD}`,
			'image/svg+xml',
		],
		[
			'a data: URL with an empty parameter',
			`data:image/x.y-z;q=;base64,${STANDARD}`,
			'image/x.y-z',
		],
		['a data: URL without a type', `data:;base64,${URL_SAFE}`, undefined],
		['a data: URL with spaces around it', ` data:image/webp;base64,${STANDARD} `, 'image/webp'],
	])('decodes %s', (_, text, declaredMimeType) => {
		expect(decodeBase64(text)).toEqual({ buffer: BYTES, declaredMimeType });
	});

	it.each([
		['empty text', ''],
		['only spaces', ' \n '],
		['a data: URL with nothing after it', 'data:image/png;base64,'],
		['one character too many (length 4n + 1)', `${STANDARD.slice(0, 4)}A`],
		['a character of neither alphabet', `${STANDARD.slice(0, 4)}*${STANDARD.slice(5)}`],
		['both alphabets mixed', '+/-_ABCD'],
		['padding in the middle', `${STANDARD}${STANDARD}`],
		['three padding characters', 'AB==='],
		['text before a data: URL', `x data:image/png;base64,${STANDARD}`],
		['a data: URL with a type that is not type/subtype', `data:png;base64,${STANDARD}`],
		['a data: URL with a parameter without a value', `data:image/png;charset;base64,${STANDARD}`],
		['a data: URL that is not base64', `data:image/png,${STANDARD}`],
	])('refuses %s', (_, text) => {
		expect(decodeBase64(text)).toBeUndefined();
	});
});
