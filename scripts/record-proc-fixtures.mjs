// Records the /proc files a socket snapshot reads, from the machine this runs on, while
// loopback connections (IPv4 and IPv6) hold sockets in several states: ESTABLISHED, CLOSE-WAIT, FIN-WAIT-2,
// TIME-WAIT and FIN-WAIT-1 orphans stuck on a zero window. Next to the copies it writes expected.json with
// per-state counts computed independently by awk over the recorded tables (field 4 = st), so the unit tests
// compare the TypeScript parser with a second implementation on real data.
//   node scripts/record-proc-fixtures.mjs <name>     (writes test/fixtures/proc/<name>/)
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const name = process.argv[2] ?? 'real';
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'proc', name);
mkdirSync(dir, { recursive: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function pair(host, { serverPaused = false, halfOpen = false } = {}) {
  const accepted = [];
  const server = net.createServer({ pauseOnConnect: serverPaused, allowHalfOpen: halfOpen }, (s) => {
    s.on('error', () => {});
    accepted.push(s);
  });
  await new Promise((r) => server.listen(0, host, r));
  const port = server.address().port;
  return { server, port, accepted };
}

async function connect(host, port) {
  const c = net.connect({ host, port });
  await new Promise((r, j) => { c.once('connect', r); c.once('error', j); });
  return c;
}

const keep = [];
for (const host of ['127.0.0.1', '::1']) {
  // ESTABLISHED pairs.
  const est = await pair(host);
  for (let i = 0; i < 3; i++) keep.push(await connect(host, est.port));
  keep.push(est);
  // Client half-closes (shutdown SHUT_WR), server never closes: client FIN-WAIT-2 (not orphan), server CLOSE-WAIT.
  const half = await pair(host, { halfOpen: true });
  for (let i = 0; i < 2; i++) { const c = await connect(host, half.port); c.on('error', () => {}); c.end(); keep.push(c); }
  keep.push(half);
  // Client closes the fd, server never closes: the client's FIN-WAIT-2 orphan becomes a timewait minisock
  // in the FIN-WAIT-2 sub-state (tcp_fin_timeout 60): st 05 with tr 3. Server: CLOSE-WAIT.
  const mini = await pair(host, { halfOpen: true });
  for (let i = 0; i < 3; i++) { const c = await connect(host, mini.port); c.on('error', () => {}); c.destroy(); }
  keep.push(mini);
  // Client closes, server closes too: client ends in TIME-WAIT.
  const tw = await pair(host);
  tw.server.on('connection', (s) => s.on('end', () => s.end()));
  for (let i = 0; i < 2; i++) { const c = await connect(host, tw.port); c.on('error', () => {}); c.end(); }
  keep.push(tw);
  // Zero window: the server never reads; the client fills both buffers and closes -> FIN-WAIT-1 orphan.
  const zw = await pair(host, { serverPaused: true });
  for (let i = 0; i < 2; i++) {
    const c = await connect(host, zw.port);
    c.on('error', () => {});
    const chunk = Buffer.alloc(1 << 20);
    for (let k = 0; k < 16; k++) c.write(chunk);
    await sleep(300);
    c.destroy();
  }
  keep.push(zw);
}
await sleep(1000);

const files = {
  sockstat: '/proc/net/sockstat',
  sockstat6: '/proc/net/sockstat6',
  tcp: '/proc/net/tcp',
  tcp6: '/proc/net/tcp6',
  netstat: '/proc/net/netstat',
  hostname: '/proc/sys/kernel/hostname',
  osrelease: '/proc/sys/kernel/osrelease',
  auxv: '/proc/self/auxv',
  tcp_max_orphans: '/proc/sys/net/ipv4/tcp_max_orphans',
  tcp_orphan_retries: '/proc/sys/net/ipv4/tcp_orphan_retries',
  tcp_fin_timeout: '/proc/sys/net/ipv4/tcp_fin_timeout',
  tcp_max_tw_buckets: '/proc/sys/net/ipv4/tcp_max_tw_buckets',
  tcp_mem: '/proc/sys/net/ipv4/tcp_mem',
  tcp_retries2: '/proc/sys/net/ipv4/tcp_retries2',
};
// /proc files report size 0: copyFileSync (copy_file_range) copies nothing; readFileSync reads to EOF.
for (const [k, p] of Object.entries(files)) writeFileSync(join(dir, k), readFileSync(p));
const awk = (f) => {
  const out = execFileSync('awk', ['FNR>1 {c[$4]++} END {for (s in c) print s, c[s]}', join(dir, f)], { encoding: 'utf8' });
  return Object.fromEntries(out.trim().split('\n').filter(Boolean).map((l) => { const [s, n] = l.split(' '); return [s, Number(n)]; }));
};
const minisocks = (f) => Number(execFileSync('awk', ['FNR>1 && $4=="05" && $6 ~ /^03:/ {n++} END {print n+0}', join(dir, f)], { encoding: 'utf8' }).trim());
const expected = {
  tcp: awk('tcp'),
  tcp6: awk('tcp6'),
  finWait2Minisocks: { tcp: minisocks('tcp'), tcp6: minisocks('tcp6') },
  pageSize: Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()),
  note: 'st hex code -> count, from awk over the recorded files; pageSize from getconf PAGESIZE of the recording process',
};
writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
console.log(JSON.stringify(expected));
console.log(readFileSync(join(dir, 'sockstat'), 'utf8'));
process.exit(0);
