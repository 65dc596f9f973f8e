/**
 * Socket addresses as tools print them: `10.0.0.5:443`, `[2001:db8::1]:443`, `[::ffff:192.0.2.7]:80`,
 * `2001:db8::1:443` (old ss, netstat), `10.0.0.5%eth0:22`, `*:*`, BSD `10.0.0.5.443` and `::1.443`, Windows
 * `0.0.0.0:0` (no peer), and /proc/net/tcp hex
 * (`0500000A:01BB`). Pure: no `vscode`, no Node built-ins.
 */
import { isHexDigits, parseUint } from '../text';
import type { Endpoint } from './types';

const MAX_ADDRESS = 80;

function isIpv4(s: string): boolean {
  // Four decimal parts of 1–3 digits, each ≤ 255, without allocating.
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46 /* . */) {
      if (digits === 0 || value > 255) return false;
      parts++;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      if (++digits > 3) return false;
      value = value * 10 + (c - 48);
    } else return false;
  }
  return parts === 4;
}

/** Expands an IPv6 address to 8 groups (numbers), or undefined. Accepts an embedded IPv4 tail. */
export function ipv6Groups(s: string): number[] | undefined {
  if (s.length === 0 || s.length > 45) return undefined;
  let text = s;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    // `::ffff:192.0.2.7`: the IPv4 tail is the last two groups.
    if (!isIpv4(last)) return undefined;
    const b = last.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const dbl = text.indexOf('::');
  if (dbl !== text.lastIndexOf('::')) return undefined;
  const parseGroups = (p: string): number[] | undefined => {
    if (p === '') return [];
    const out: number[] = [];
    for (const g of p.split(':')) {
      if (g.length === 0 || g.length > 4 || !isHexDigits(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const want = 8;
  let groups: number[];
  if (dbl >= 0) {
    const a = parseGroups(text.slice(0, dbl));
    const b = parseGroups(text.slice(dbl + 2));
    if (!a || !b || a.length + b.length > want - 1) return undefined;
    groups = [...a, ...new Array<number>(want - a.length - b.length).fill(0), ...b];
  } else {
    const a = parseGroups(text);
    if (!a || a.length !== want) return undefined;
    groups = a;
  }
  return groups;
}

function mappedIpv4(groups: readonly number[]): string | undefined {
  for (let i = 0; i < 5; i++) if (groups[i] !== 0) return undefined;
  if (groups[5] !== 0xffff) return undefined;
  const a = groups[6] as number;
  const b = groups[7] as number;
  return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
}

function compress(groups: readonly number[]): string {
  // Longest run of zeros (length ≥ 2) becomes `::` (RFC 5952).
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** A normalised address (IPv4 dotted, IPv6 compressed lower-case, mapped IPv4 as IPv4), or undefined. */
export function normaliseAddress(raw: string): { address: string; family: 4 | 6 } | undefined {
  let s = raw;
  const pct = s.indexOf('%');
  if (pct >= 0) s = s.slice(0, pct); // zone: fe80::1%eth0, 10.0.0.5%eth0
  if (isIpv4(s)) return { address: s, family: 4 };
  if (!s.includes(':')) return undefined;
  const g = ipv6Groups(s.toLowerCase());
  if (!g) return undefined;
  const v4 = mappedIpv4(g);
  return v4 !== undefined ? { address: v4, family: 4 } : { address: compress(g), family: 6 };
}

/** At most 7 characters long (parseEndpoint tests the length before it hashes a host). */
const WILDCARDS: ReadonlySet<string> = new Set(['*', '0.0.0.0', '::', '[::]', '']);

/**
 * A host name as ss / netstat print one without -n (`web-3.internal`, `client-9.example.` cut by netstat's column
 * width): DNS labels of letters, digits and `-`, with at least one letter.
 */
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63})*\.?$/;
const LETTER = /[A-Za-z]/;

/**
 * The service names ss and netstat print without `-n` for well-known TCP ports (IANA's registry, as /etc/services
 * names them).
 */
const SERVICE_PORTS: ReadonlyMap<string, number> = new Map([
  ['ftp', 21], ['ssh', 22], ['telnet', 23], ['smtp', 25], ['domain', 53], ['http', 80], ['kerberos', 88], ['pop3', 110],
  ['sunrpc', 111], ['imap', 143], ['imap2', 143], ['bgp', 179], ['ldap', 389], ['https', 443], ['microsoft-ds', 445],
  ['submission', 587], ['ldaps', 636], ['rsync', 873], ['imaps', 993], ['pop3s', 995], ['ms-sql-s', 1433], ['nfs', 2049],
  ['mysql', 3306], ['ms-wbt-server', 3389], ['postgresql', 5432], ['amqp', 5672], ['x11', 6000], ['http-alt', 8080],
]);

/** `addr:port` as ss / netstat print it; undefined for anything else. Wildcards give family 0, host names 'name'. */
export function parseEndpoint(token: string | undefined): Endpoint | undefined {
  if (token === undefined || token.length === 0 || token.length > MAX_ADDRESS) return undefined;
  let host: string;
  let portText: string;
  if (token.startsWith('[')) {
    const close = token.indexOf(']');
    if (close < 0 || token.charCodeAt(close + 1) !== 58 /* : */) return undefined;
    host = token.slice(1, close);
    portText = token.slice(close + 2);
  } else {
    const colon = token.lastIndexOf(':');
    if (colon < 0) {
      // BSD/macOS netstat: 10.0.0.5.443 or *.443
      const dot = token.lastIndexOf('.');
      if (dot < 0) return undefined;
      host = token.slice(0, dot);
      portText = token.slice(dot + 1);
      if (host !== '*' && !isIpv4(host)) return undefined;
    } else if (token.indexOf('.', colon) > colon && !isIpv4(token.slice(colon + 1))) {
      // BSD/macOS netstat prints IPv6 with a dot before the port too: `::1.49152`, `fe80::1%lo0.49152`.
      const dot = token.lastIndexOf('.');
      host = token.slice(0, dot);
      portText = token.slice(dot + 1);
    } else {
      host = token.slice(0, colon);
      portText = token.slice(colon + 1);
    }
  }
  let port = portText === '*' ? undefined : parseUint(portText);
  if (portText !== '*' && (port === undefined || port > 65535)) {
    // A service name (`ss` without -n: `10.0.0.5:https`): keep the address, and the port when the name is a
    // well-known one; any other name gives no port.
    if (!/^[a-z][a-z0-9-]{0,30}$/i.test(portText)) return undefined;
    port = SERVICE_PORTS.get(portText.toLowerCase());
  }
  let ep: { address: string; family: Endpoint['family']; port?: number };
  if (host.length <= 7 && WILDCARDS.has(host)) ep = { address: '*', family: 0 };
  else if (isIpv4(host)) ep = { address: host, family: 4 };
  else {
    const n = normaliseAddress(host);
    if (n) ep = { address: n.address, family: n.family };
    else if (HOST_NAME.test(host) && LETTER.test(host)) ep = { address: host.toLowerCase(), family: 'name' };
    else return undefined;
  }
  // Windows prints a listener's peer as `0.0.0.0:0` / `[::]:0`: no peer, as `*:*` (port 0 is never a connection's).
  if (port !== undefined && !(port === 0 && ep.family === 0)) ep.port = port;
  return ep;
}

/** /proc/net/tcp `0500000A:01BB` (IPv4: one 32-bit word in host order, little-endian) or the 32-digit IPv6 form. */
export function parseProcEndpoint(token: string | undefined): Endpoint | undefined {
  if (token === undefined) return undefined;
  const colon = token.indexOf(':');
  if ((colon !== 8 && colon !== 32) || token.length !== colon + 5) return undefined;
  const hex = token.slice(0, colon);
  const portHex = token.slice(colon + 1);
  if (!isHexDigits(hex) || !isHexDigits(portHex)) return undefined;
  const port = parseInt(portHex, 16);
  const bytes: number[] = [];
  for (let w = 0; w < hex.length; w += 8) {
    const word = hex.slice(w, w + 8);
    // Each word is printed as a number in host byte order; little-endian hosts (x86, arm64) show it reversed.
    for (let b = 3; b >= 0; b--) bytes.push(parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  let address: string;
  let family: 4 | 6;
  if (bytes.length === 4) {
    address = bytes.join('.');
    family = 4;
  } else {
    const groups: number[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
    const v4 = mappedIpv4(groups);
    address = v4 ?? compress(groups);
    family = v4 !== undefined ? 4 : 6;
  }
  if (address === '0.0.0.0' || address === '::') return { address: '*', family: 0, ...(port ? { port } : {}) };
  return { address, family, ...(port || family ? { port } : {}) };
}

/** The network a peer belongs to: IPv4 /24 (`203.0.113.0/24`), IPv6 /64 (`2001:db8:0:7::/64`). */
export function prefixOf(ep: Endpoint): string | undefined {
  if (ep.family === 4) return `${ep.address.slice(0, ep.address.lastIndexOf('.'))}.0/24`;
  if (ep.family === 6) {
    const g = ipv6Groups(ep.address);
    if (!g) return undefined;
    return `${compress([...g.slice(0, 4), 0, 0, 0, 0])}/64`;
  }
  return undefined;
}
