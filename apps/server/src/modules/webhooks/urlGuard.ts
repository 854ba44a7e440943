// Outgoing webhook targets (subscriptions and workflow webhook actions) may not reach the server's
// own network: a URL that is or resolves to a loopback, private, link-local (cloud metadata at
// 169.254.169.254), CGNAT, multicast, reserved or unspecified address is refused, in IPv4 and IPv6
// (IPv4 embedded in IPv6 — mapped, compatible, NAT64, 6to4 — is judged as the IPv4 it carries).
// It is checked when the URL is saved (a 400 on the field) and again when each request connects,
// on the addresses DNS gave for that very connection, so a name that later resolves somewhere
// private (DNS rebinding) is caught. On-premise installs whose receivers live on the local network
// turn this off with WEBHOOK_ALLOW_PRIVATE_TARGETS.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Config } from '../../platform/config';

export interface TargetPolicy {
  allowPrivate: boolean;
}

export const targetPolicy = (config: Config): TargetPolicy => ({
  allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
});

const blocked = new net.BlockList();
for (const [net4, bits] of [
  ['0.0.0.0', 8], // "this network", includes the unspecified 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const)
  blocked.addSubnet(net4, bits, 'ipv4');
for (const [net6, bits] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['100::', 64], // discard
  ['2001::', 32], // Teredo tunnels
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const)
  blocked.addSubnet(net6, bits, 'ipv6');

/** The 16 bytes of an IPv6 address (net.isIP has accepted it), or null. */
function ipv6Bytes(addr: string): number[] | null {
  let text = addr.split('%')[0]!;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const groups: number[] = [];
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (s: string | undefined) => (s ? s.split(':').filter((g) => g !== '') : []);
  const h = parse(head);
  const r = parse(rest);
  const fill = rest === undefined ? 0 : 8 - h.length - r.length;
  for (const g of [...h, ...Array(Math.max(fill, 0)).fill('0'), ...r]) {
    const v = Number.parseInt(g, 16);
    groups.push((v >> 8) & 0xff, v & 0xff);
  }
  if (groups.length !== 16) return null;
  return groups;
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(addr: string): string | null {
  const b = ipv6Bytes(addr);
  if (!b) return null;
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const v4 = (at: number) => b.slice(at, at + 4).join('.');
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4(12); // ::ffff:a.b.c.d
  if (zeros(0, 12)) return v4(12); // ::a.b.c.d (and ::1, :: themselves)
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return v4(12);
  if (b[0] === 0x20 && b[1] === 0x02) return v4(2); // 6to4
  return null;
}

/** Whether an IP address is one a webhook may not reach (anything but a public unicast address). */
export function isBlockedAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '');
  const family = net.isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedIpv4(bare);
  if (v4 && net.isIPv4(v4) && blocked.check(v4, 'ipv4')) return true;
  return blocked.check(bare.split('%')[0]!, 'ipv6');
}

export class BlockedTargetError extends Error {
  override name = 'BlockedTargetError';
}

const refusal = (what: string) =>
  `${what} is a private, local or reserved address; webhooks only go to public addresses`;

/** What is wrong with a URL on its face (scheme, credentials, a local host or IP literal), or null. */
export function urlProblem(raw: string, policy: TargetPolicy): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'Not a URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'Use an http:// or https:// URL';
  if (u.username || u.password) return 'Put credentials in the secret, not the URL';
  if (policy.allowPrivate) return null;
  // The URL parser has already turned decimal, octal and hex hosts (http://2130706433/) into
  // dotted IPv4, so one check covers every spelling of an address.
  // A trailing dot ("localhost.") names the same host as without it.
  const host = u.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '')
    .toLowerCase();
  if (net.isIP(host)) return isBlockedAddress(host) ? refusal(host) : null;
  if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) return refusal(host);
  return null;
}

async function resolveAll(host: string): Promise<string[] | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      dns.promises.lookup(host, { all: true }).then((r) => r.map((a) => a.address)),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), 3000);
      }),
    ]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The save-time check: the URL's face, then the addresses its host resolves to now. A name that does
 * not resolve is accepted (the receiver may not exist yet); each delivery checks again.
 */
export async function targetProblem(raw: string, policy: TargetPolicy): Promise<string | null> {
  const face = urlProblem(raw, policy);
  if (face || policy.allowPrivate) return face;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return null;
  const addresses = await resolveAll(host);
  const bad = addresses?.find(isBlockedAddress);
  return bad ? refusal(`${host} resolves to ${bad}, which`) : null;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** A DNS lookup for the socket that refuses blocked addresses, so what is checked is what connects. */
export function guardedLookup(policy: TargetPolicy) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const bad = policy.allowPrivate ? undefined : addresses.find((a) => isBlockedAddress(a.address));
      if (bad || !addresses.length)
        return callback(
          new BlockedTargetError(refusal(`${hostname} resolves to ${bad?.address ?? 'nothing'}, which`)),
          [],
        );
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

export interface PostResult {
  status: number;
  /** The first 2,000 characters of the answer. */
  body: string;
}

/**
 * POSTs a body to a webhook target under the policy: no redirects followed, a deadline for the
 * whole exchange (a TimeoutError after it), blocked targets a BlockedTargetError before any byte
 * is sent.
 */
export function postToTarget(
  raw: string,
  opts: { headers: Record<string, string>; body: string; timeoutMs: number; policy: TargetPolicy },
): Promise<PostResult> {
  const face = urlProblem(raw, opts.policy);
  if (face) return Promise.reject(new BlockedTargetError(face));
  const u = new URL(raw);
  const client = u.protocol === 'https:' ? https : http;
  return new Promise<PostResult>((resolve, reject) => {
    const req = client.request(
      {
        method: 'POST',
        protocol: u.protocol,
        hostname: u.hostname.replace(/^\[|\]$/g, ''),
        port: u.port || undefined,
        path: `${u.pathname}${u.search}`,
        headers: { ...opts.headers, 'content-length': String(Buffer.byteLength(opts.body)) },
        lookup: guardedLookup(opts.policy) as unknown as net.LookupFunction,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          // Only the start of the answer is kept; a huge answer is not read to its end.
          if (size < 8192) chunks.push(c);
          size += c.length;
          if (size >= 8192) res.destroy();
        });
        const done = () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8').slice(0, 2000),
          });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      const e = new Error(`No answer within ${opts.timeoutMs / 1000} s`);
      e.name = 'TimeoutError';
      req.destroy(e);
    }, opts.timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on('close', () => clearTimeout(timer));
    req.end(opts.body);
  });
}
