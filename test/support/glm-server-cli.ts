// `npm run glm-server`: the test server for a person trying glm-tui without a real key. Magic words are on,
// so behaviours can be triggered from the chat itself (see MAGIC_HELP in glm-server.ts).
import {parseArgs} from 'node:util';
import {MAGIC_HELP, SERVER_SEED, startGlmServer} from './glm-server.js';

const {values} = parseArgs({
	options: {
		port: {type: 'string'},
		help: {type: 'boolean', short: 'h'},
	},
});

if (values.help) {
	console.log('Usage: npm run glm-server -- [--port N]   (default: env PORT, else a random free port)');
	process.exit(0);
}

const port = Number(values.port ?? process.env['PORT'] ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
	console.error(`Not a port: ${values.port ?? process.env['PORT']}`);
	process.exit(2);
}

const server = await startGlmServer({
	port,
	magic: true,
	onResponse: (r) => {
		const time = new Date(r.at).toTimeString().slice(0, 8);
		const model = typeof r.body?.model === 'string' ? r.body.model : '-';
		console.log(`${time} ${r.method} ${r.path} ${model} ${r.status ?? '-'} ${r.note ?? ''}`.trimEnd());
	},
});

const indent = (text: string) => text.replace(/^/gm, '  ');
console.log(`GLM test server listening.
  export ZHIPUAI_BASE_URL=${server.baseUrl}
  export ZHIPUAI_API_KEY=${server.key}
(ZAI_BASE_URL / ZAI_API_KEY work the same; ${server.baseUrl.replace('/api/paas/', '/api/coding/paas/')} is served too.)
Models: those GLM lists (others get 400/1211, as from GLM). Only signed tokens are accepted, as
glm-tui sends them. Seed of the awkward cuts: GLM_SERVER_SEED=${SERVER_SEED}.

Magic words in your last message:
${indent(MAGIC_HELP)}
Ctrl+C stops the server.
`);

const stop = () => {
	void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
