// The floor under "CPU per 1,000 tokens": a bare Node process that sends one chat request with node:http and
// reads the streamed answer without doing anything with it. Run by bench.ts as its own process; prints its
// CPU time (user+sys, all threads) from the request to the end of the answer, and the bytes read, as JSON.
// Usage: node bare-reader.mjs <base-url> <bearer-token>
import http from 'node:http';

const [base, token] = process.argv.slice(2);
const body = JSON.stringify({model: 'glm-4.6', messages: [{role: 'user', content: 'bench'}], stream: true});
const before = process.cpuUsage();
const request = http.request(`${base}/chat/completions`, {
	method: 'POST',
	headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body)},
});
request.on('response', (response) => {
	let bytes = 0;
	response.on('data', (chunk) => {
		bytes += chunk.length;
	});
	response.on('end', () => {
		const used = process.cpuUsage(before);
		process.stdout.write(`${JSON.stringify({cpuMs: (used.user + used.system) / 1000, bytes, status: response.statusCode})}\n`);
	});
});
request.end(body);
