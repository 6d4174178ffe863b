import {
	asObject,
	asString,
	formatBytes,
	orList,
	plainText,
	truncate,
} from '../../nodes/shared/text';

// The helpers that turn outside text (vendor answers, proxy error pages) into message parts, at
// their bounds and on a page with a script in it.

describe('asObject: a JSON object, or {} for anything else', () => {
	it.each([
		['text', 'x'],
		['a number', 5],
		['true', true],
		['an array', [{ a: 1 }]],
		['null', null],
		['undefined', undefined],
	])('%s becomes {}', (_name, value) => {
		expect(asObject(value)).toEqual({});
	});

	it('an object is returned as it is', () => {
		const value = { error: { message: 'x' } };
		expect(asObject(value)).toBe(value);
	});
});

describe('asString: text with something in it', () => {
	it('keeps the text untrimmed', () => {
		expect(asString(' quota exceeded ')).toBe(' quota exceeded ');
	});

	it.each([
		['empty text', ''],
		['blank text', ' \n\t '],
		['a number', 42],
		['an object', { message: 'x' }],
	])('%s is undefined', (_name, value) => {
		expect(asString(value)).toBeUndefined();
	});
});

describe('plainText: an HTML error page reduced to one line', () => {
	it('drops scripts, styles and tags, and folds white space', () => {
		const page =
			'<html><head><style>body { color: red }</style><script>var a = "<b>no</b>";\n</script></head>' +
			'<body><h1>502 Bad Gateway</h1>\n<p>upstream   timed out</p><SCRIPT type="x">track()</SCRIPT></body></html>';
		expect(plainText(page)).toBe('502 Bad Gateway upstream timed out');
	});

	it('removes each script on its own, keeping the text between two of them', () => {
		expect(plainText('<script>a</script>kept<script>b</script>')).toBe('kept');
		expect(plainText('<style>a</style> between <style>b</style>')).toBe('between');
		// A script between two words leaves a space, as a tag does.
		expect(plainText('before<script>x</script>after<b>bold</b>end')).toBe('before after bold end');
	});

	it('is undefined for a body without text', () => {
		expect(plainText('  \n ')).toBeUndefined();
		expect(plainText('')).toBeUndefined();
		expect(plainText({ error: 'x' })).toBeUndefined();
	});

	it('keeps a text of exactly the limit, and cuts one character more with an ellipsis', () => {
		expect(plainText('a'.repeat(200))).toBe('a'.repeat(200));
		expect(plainText('a'.repeat(201))).toBe(`${'a'.repeat(200)}…`);
		expect(plainText('<p>abcdef</p>', 3)).toBe('abc…');
	});
});

describe('truncate: a value quoted in a message', () => {
	it('keeps a value of exactly the limit, and cuts one character more with an ellipsis', () => {
		expect(truncate('b'.repeat(120))).toBe('b'.repeat(120));
		expect(truncate('b'.repeat(121))).toBe(`${'b'.repeat(120)}…`);
		expect(truncate('abcdef', 4)).toBe('abcd…');
	});
});

describe('formatBytes: sizes in messages', () => {
	it.each([
		[0, '0 B'],
		[1023, '1023 B'],
		[1024, '1.0 KB'],
		[1536, '1.5 KB'],
		[1024 * 1024 - 1, '1024.0 KB'],
		[1024 * 1024, '1.0 MB'],
		[50 * 1024 * 1024, '50.0 MB'],
	])('%d bytes are "%s"', (bytes, text) => {
		expect(formatBytes(bytes)).toBe(text);
	});
});

describe('orList', () => {
	it.each([
		[['PNG'], 'PNG'],
		[['PNG', 'JPEG'], 'PNG or JPEG'],
		[['PNG', 'JPEG', 'WEBP'], 'PNG, JPEG or WEBP'],
	])('lists %j as %s', (items, text) => {
		expect(orList(items)).toBe(text);
	});
});
