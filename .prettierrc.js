// n8n's style: tabs, single quotes, trailing commas, lines up to 100 characters.
module.exports = {
	useTabs: true,
	tabWidth: 2,
	singleQuote: true,
	trailingComma: 'all',
	printWidth: 100,
	semi: true,
	arrowParens: 'always',
	endOfLine: 'lf',
};
