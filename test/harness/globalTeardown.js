const { rmSync } = require('node:fs');

module.exports = () => {
	if (process.env.N8N_AI_IMAGE_TEST_ROOT)
		rmSync(process.env.N8N_AI_IMAGE_TEST_ROOT, { recursive: true, force: true });
};
