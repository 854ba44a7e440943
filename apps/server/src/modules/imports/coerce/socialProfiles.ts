// Social-profile cells: a handle ("nancydavolio", "@nancy") or a profile address
// ("https://www.linkedin.com/in/nancydavolio", "twitter.com/nancy") becomes {network, handle, url}.
// The handle is kept even when the cell was an address, because it is what people search for; a
// network whose profiles have one canonical address gets it from a bare handle, so the record links.
import { socialNetworks } from '../../records/meta/fieldValues';
import { normKey } from './options';
import { type Coerced, fail, ok } from './result';

export type SocialNetwork = (typeof socialNetworks)[number];

export interface SocialProfile {
  network: string;
  handle: string | null;
  url: string | null;
}

interface NetworkSpec {
  label: { en: string; 'zh-CN': string };
  /** How a cell may name the network ("twitter: nancy"), besides its id and labels. */
  aliases: string[];
  /** Hosts its profile addresses live on (any subdomain too). */
  hosts: string[];
  /** The handle an address's path names, or null (a short link, a post). */
  handleOf?: (segments: string[], url: URL) => string | undefined;
  /** What a bare handle may look like (by default: no spaces or slashes). */
  handle?: RegExp;
  profileUrl?: (handle: string) => string;
}

const at = (i: number) => (s: string[]) => s[i];
const after = (prefixes: string[]) => (s: string[]) =>
  s[0] && prefixes.includes(s[0].toLowerCase()) ? s[1] : undefined;
const enc = encodeURIComponent;

export const networkSpecs: Record<SocialNetwork, NetworkSpec> = {
  linkedin: {
    label: { en: 'LinkedIn', 'zh-CN': '领英' },
    aliases: [],
    hosts: ['linkedin.com', 'lnkd.in'],
    handleOf: after(['in', 'company', 'school', 'showcase', 'pub']),
    handle: /^[\p{L}\p{N}_%-]{2,100}$/u,
    profileUrl: (h) => `https://www.linkedin.com/in/${enc(h)}`,
  },
  x: {
    label: { en: 'X (Twitter)', 'zh-CN': 'X（推特）' },
    aliases: ['Twitter', 'X', '推特'],
    hosts: ['x.com', 'twitter.com'],
    handleOf: (s) =>
      s[0] && !['i', 'intent', 'home', 'share', 'search', 'hashtag'].includes(s[0]) ? s[0] : undefined,
    handle: /^\w{1,50}$/,
    profileUrl: (h) => `https://x.com/${enc(h)}`,
  },
  wechat: {
    label: { en: 'WeChat', 'zh-CN': '微信' },
    aliases: ['Weixin', '微信号'],
    hosts: ['weixin.qq.com', 'wechat.com'],
  },
  weibo: {
    label: { en: 'Weibo', 'zh-CN': '微博' },
    aliases: ['Sina Weibo', 'SinaWeibo', '新浪微博'],
    hosts: ['weibo.com', 'weibo.cn'],
    handleOf: (s) => after(['u', 'n'])(s) ?? s[0],
  },
  facebook: {
    label: { en: 'Facebook', 'zh-CN': 'Facebook' },
    aliases: ['FB', '脸书'],
    hosts: ['facebook.com', 'fb.com', 'fb.me'],
    handleOf: (s, u) =>
      s[0] === 'profile.php'
        ? (u.searchParams.get('id') ?? undefined)
        : s[0] === 'people' || s[0] === 'pages'
          ? s[s.length - 1]
          : s[0],
    handle: /^[\p{L}\p{N}._-]{1,100}$/u,
    profileUrl: (h) => `https://www.facebook.com/${enc(h)}`,
  },
  instagram: {
    label: { en: 'Instagram', 'zh-CN': 'Instagram' },
    aliases: ['IG', 'Ins'],
    hosts: ['instagram.com', 'instagr.am'],
    handleOf: at(0),
    handle: /^[A-Za-z0-9._]{1,30}$/,
    profileUrl: (h) => `https://www.instagram.com/${enc(h)}`,
  },
  github: {
    label: { en: 'GitHub', 'zh-CN': 'GitHub' },
    aliases: [],
    hosts: ['github.com'],
    handleOf: at(0),
    handle: /^[A-Za-z0-9-]{1,39}$/,
    profileUrl: (h) => `https://github.com/${enc(h)}`,
  },
  douyin: {
    label: { en: 'Douyin', 'zh-CN': '抖音' },
    aliases: ['抖音号'],
    hosts: ['douyin.com', 'iesdouyin.com'],
    handleOf: after(['user']),
  },
  xiaohongshu: {
    label: { en: 'Xiaohongshu (RED)', 'zh-CN': '小红书' },
    aliases: ['Xiaohongshu', 'RED', 'Rednote', '小红书号'],
    hosts: ['xiaohongshu.com', 'xhslink.com'],
    handleOf: (s) => (s[0] === 'user' && s[1] === 'profile' ? s[2] : undefined),
  },
  youtube: {
    label: { en: 'YouTube', 'zh-CN': 'YouTube' },
    aliases: ['油管'],
    hosts: ['youtube.com', 'youtu.be'],
    handleOf: (s) => (s[0]?.startsWith('@') ? s[0] : after(['c', 'user', 'channel'])(s)),
    handle: /^[\p{L}\p{N}._-]{1,100}$/u,
    profileUrl: (h) => `https://www.youtube.com/@${enc(h)}`,
  },
  other: {
    label: { en: 'Other', 'zh-CN': '其他' },
    aliases: [],
    hosts: [],
  },
};

const byName = new Map<string, SocialNetwork>();
for (const n of socialNetworks) {
  const s = networkSpecs[n];
  for (const name of [n, s.label.en, s.label['zh-CN'], ...s.aliases])
    if (!byName.has(normKey(name))) byName.set(normKey(name), n);
}

/** The network a name stands for: its id, its label in either language or a common alias. */
export const networkNamed = (name: string): SocialNetwork | undefined => byName.get(normKey(name));

export function networkOfHost(hostname: string): SocialNetwork | undefined {
  const host = hostname.toLowerCase();
  for (const n of socialNetworks)
    if (networkSpecs[n].hosts.some((h) => host === h || host.endsWith(`.${h}`))) return n;
  return undefined;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function asUrl(text: string): URL | null {
  const head = text.split('/')[0]!;
  const looksLikeUrl =
    SCHEME.test(text) || text.includes('/') || /^www\./i.test(text) || networkOfHost(head) !== undefined;
  if (!looksLikeUrl) return null;
  try {
    const u = new URL(SCHEME.test(text) ? text : `https://${text}`);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

const decoded = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const profile = (network: SocialNetwork, handle: string | null, url: string | null): SocialProfile => ({
  network,
  handle,
  url,
});

function fromUrl(u: URL, network: SocialNetwork, text: string): Coerced<SocialProfile> {
  if (!u.hostname.includes('.') || u.href.length > 2000) return fail(`"${text}" is not a web address`);
  const segments = u.pathname.split('/').filter(Boolean).map(decoded);
  const raw = networkSpecs[network].handleOf?.(segments, u);
  const handle = raw ? raw.replace(/^@/, '').slice(0, 200) || null : null;
  return ok(profile(network, handle, u.toString()));
}

/**
 * @param network the column's network, or null for a whole social-profiles column whose cells say
 * which network ("linkedin: nancy") or are addresses of a known one.
 */
export function coerceSocialProfile(text: string, network: SocialNetwork | null): Coerced<SocialProfile> {
  let s = text.trim();
  let named = network;
  // "named" is lenient about unknown hosts: an export may hold any address the API accepted.
  let lenient = false;
  if (!network) {
    const m = /^([^:：/]{1,40}?)\s*[:：]\s*(.+)$/.exec(s);
    const n = m ? networkNamed(m[1]!) : undefined;
    if (n) {
      named = n;
      s = m![2]!.trim();
      lenient = true;
    } else if (m && !m[2]!.startsWith('//') && asUrl(m[2]!.trim())) {
      // A network we have no name for ("flickr: https://flickr.com/…", as vCards from phones say).
      named = 'other';
      s = m[2]!.trim();
      lenient = true;
    }
  }
  const u = asUrl(s);
  if (u) {
    const host = networkOfHost(u.hostname);
    if (!named) return fromUrl(u, host ?? 'other', text.trim());
    if (host && host !== named && named !== 'other')
      return fail(
        `"${s}" is a profile address for ${networkSpecs[host].label.en}, not for ${networkSpecs[named].label.en}`,
      );
    if (!host && !lenient && named !== 'other' && networkSpecs[named].hosts.length)
      return fail(`"${s}" is not a profile address for ${networkSpecs[named].label.en}`);
    return fromUrl(u, host ?? named, s);
  }
  if (!named) return fail(`"${s}": say which network, as in "linkedin: ${s}"`);
  const spec = networkSpecs[named];
  const handle = s.replace(/^@/, '');
  const fits = spec.handle ? spec.handle.test(handle) : /^[^\s/]{1,200}$/u.test(handle);
  if (!fits) return fail(`"${s}" is not a handle or profile address for ${spec.label.en}`);
  return ok(profile(named, handle, spec.profileUrl?.(handle) ?? null));
}

const handleKey = (p: SocialProfile) => p.handle?.replace(/^@/, '').toLowerCase() || null;
// Scheme, "www." and a trailing slash do not make another profile.
const urlKey = (p: SocialProfile) => {
  if (!p.url) return null;
  try {
    const u = new URL(p.url);
    return `${u.hostname.replace(/^(www|m)\./, '')}${u.pathname.replace(/\/+$/, '')}${u.search}`.toLowerCase();
  } catch {
    return p.url.toLowerCase();
  }
};

/** One profile: the same network and the same handle (any case) or the same address. */
export function sameSocialProfile(a: SocialProfile, b: SocialProfile): boolean {
  if (a.network !== b.network) return false;
  const ha = handleKey(a);
  const ua = urlKey(a);
  return (ha !== null && ha === handleKey(b)) || (ua !== null && ua === urlKey(b));
}
