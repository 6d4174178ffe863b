// tsc does not copy non-TypeScript assets; n8n loads node and credential icons from dist/.
const { src, dest, task } = require('gulp');

function copyIcons() {
	return src(['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

task('build:icons', copyIcons);
