// The top entries of a .cpuprofile by self time:
// `node bench/rush/profile-top.js file.cpuprofile [n] [--after functionName]`.
// Samples before the first HTTP request are left out (start-up is not what the bench measures);
// with --after, also every sample up to the last one whose stack holds that function.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain script for node, not compiled
const { readFileSync } = require('node:fs');

const args = process.argv.slice(2);
const afterAt = args.indexOf('--after');
const after = afterAt >= 0 ? args.splice(afterAt, 2)[1] : undefined;
const [file, n = '25'] = args;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const holds = (name) => (id) => {
  for (let at = id; at !== undefined; at = parentOf.get(at)) {
    if (byId.get(at).callFrame.functionName === name) return true;
  }
  return false;
};
const first = after
  ? profile.samples.findLastIndex(holds(after)) + 1
  : profile.samples.findIndex(holds('parserOnIncoming'));
const samples = profile.samples.slice(first);
const deltas = profile.timeDeltas.slice(first);

const self = new Map();
let total = 0;
samples.forEach((id, i) => {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  if (functionName === '(idle)') return;
  const where = url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`;
  self.set(key, (self.get(key) ?? 0) + deltas[i]);
  total += deltas[i];
});
console.log(`${(total / 1000).toFixed(0)} ms sampled after the first request`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) {
  console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
}
