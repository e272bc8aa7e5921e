// A load client in a process of its own (so the client is not the app's bottleneck): reads a job
// as JSON on stdin, fetches each member's page for its form fields, then posts all bookings at
// once and prints the burst's figures as JSON. Plain node:http with keep-alive, one socket per booking.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain script for node, not compiled
const { readFileSync } = require('node:fs');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain script for node, not compiled
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

function send(url, method, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: body
          ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }
          : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, text }));
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

// CPU time (user + system, ms) a process has used so far, from /proc (USER_HZ 100).
function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const field = (html, name) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];

async function main() {
  const job = JSON.parse(readFileSync(0, 'utf8'));
  // bookings: [{ baseUrl, token, seminarId }]; serverPid, if given: the app's CPU for the posts alone is reported
  const forms = [];
  for (let i = 0; i < job.bookings.length; i += 10) {
    await Promise.all(
      job.bookings.slice(i, i + 10).map(async (b) => {
        const page = await send(`${b.baseUrl}/p/${b.token}`, 'GET');
        if (page.status !== 200) throw new Error(`page answered ${page.status}`);
        const body = new URLSearchParams({
          nonce: field(page.text, 'nonce'),
          mac: field(page.text, 'mac'),
          seminarId: String(b.seminarId),
        }).toString();
        forms.push({ url: `${b.baseUrl}/p/${b.token}/tilmeld`, body });
      }),
    );
  }
  const cpuBefore = job.serverPid ? cpuMsOf(job.serverPid) : undefined;
  const start = performance.now();
  const results = await Promise.all(
    forms.map(async (f) => {
      const s = performance.now();
      const res = await send(f.url, 'POST', f.body);
      return { status: res.status, ms: performance.now() - s };
    }),
  );
  const burstMs = performance.now() - start;
  const postCpuMs = cpuBefore === undefined ? undefined : cpuMsOf(job.serverPid) - cpuBefore;
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(ms.length * q))];
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  process.stdout.write(
    JSON.stringify({ n: results.length, burstMs, p50: at(0.5), p99: at(0.99), statuses, postCpuMs }) + '\n',
  );
  agent.destroy();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
