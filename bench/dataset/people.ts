// Realistic people and companies in both languages: Chinese names with pinyin email addresses and
// mainland mobile numbers, English names with North American or British numbers.
import { pinyin } from 'pinyin-pro';
import type { Random } from './random';
import * as v from './vocabulary';

const pinyinCache = new Map<string, string>();
/** Toneless pinyin of a run of Chinese characters ("欧阳" → "ouyang"), cached per string. */
export function pinyinOf(han: string): string {
  let p = pinyinCache.get(han);
  if (p === undefined) {
    p = pinyin(han, { toneType: 'none', type: 'array', v: true, surname: 'head' }).join('');
    pinyinCache.set(han, p);
  }
  return p;
}

const asciiLocal = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

export interface Person {
  firstName: string;
  lastName: string;
  /** The full name as the app stores it (family name first, no space, for Chinese names). */
  name: string;
  chinese: boolean;
  email: string;
  phone: string;
  otherPhones: string[];
  title: string;
  department: string;
  city: string;
  country: string;
}

export function chinaMobile(rnd: Random): string {
  const prefix = rnd.pick(['138', '139', '186', '188', '150', '177', '135', '159']);
  const rest = rnd.digits(8).padStart(8, '0');
  return rnd.chance(0.5) ? `+86 ${prefix} ${rest.slice(0, 4)} ${rest.slice(4)}` : `${prefix}${rest}`;
}

export function westernPhone(rnd: Random): string {
  if (rnd.chance(0.7))
    return `+1 ${rnd.pick(['415', '212', '646', '312', '617'])}-${rnd.digits(3)}-${rnd.digits(4)}`;
  return `+44 20 ${rnd.digits(4)} ${rnd.digits(4)}`;
}

export function makePerson(rnd: Random, serial: number): Person {
  const chinese = rnd.chance(0.6);
  if (chinese) {
    const lastName = rnd.pick(v.chineseSurnames);
    const firstName = rnd.pick(v.chineseGivenChars) + (rnd.chance(0.7) ? rnd.pick(v.chineseGivenChars) : '');
    const local = `${pinyinOf(lastName)}.${pinyinOf(firstName)}${serial}`;
    return {
      firstName,
      lastName,
      name: `${lastName}${firstName}`,
      chinese,
      email: `${local}@${rnd.pick(v.emailDomainsCn)}`,
      phone: chinaMobile(rnd),
      otherPhones: rnd.chance(0.2) ? [`+86 10 ${rnd.digits(4)} ${rnd.digits(4)}`] : [],
      title: rnd.pick(v.chineseTitles),
      department: rnd.pick(v.departments),
      city: rnd.pick(v.chineseCities),
      country: v.countriesCn[0]!,
    };
  }
  const firstName = rnd.pick(v.englishFirstNames);
  const lastName = rnd.pick(v.englishLastNames);
  return {
    firstName,
    lastName,
    name: `${firstName} ${lastName}`,
    chinese,
    email: `${asciiLocal(firstName)}.${asciiLocal(lastName)}${serial}@${rnd.pick(v.emailDomainsEn)}`,
    phone: westernPhone(rnd),
    otherPhones: rnd.chance(0.1) ? [westernPhone(rnd)] : [],
    title: rnd.pick(v.englishTitles),
    department: rnd.pick(v.departments),
    city: rnd.pick(v.englishCities),
    country: rnd.pick(v.countriesEn),
  };
}

export interface Company {
  name: string;
  chinese: boolean;
  domain: string;
  industry: string;
  employees: number;
  phone: string;
  city: string;
  country: string;
}

export function makeCompany(rnd: Random, serial: number): Company {
  const chinese = rnd.chance(0.6);
  if (chinese) {
    const city = rnd.pick(v.chineseCities);
    const core = rnd.pick(v.chineseCompanyCores);
    return {
      // The serial keeps names distinct the way real registers are (no two 北京华信科技 in one city).
      name: `${city}${core}${rnd.pick(v.chineseCompanySuffixes)}${serial > 0 ? `（${serial}）` : ''}`,
      chinese,
      domain: `${pinyinOf(core)}${serial}.cn`,
      industry: rnd.pick(v.industries),
      employees: rnd.int(5, 20_000),
      phone: `+86 ${rnd.pick(['10', '21', '755', '20'])} ${rnd.digits(4)} ${rnd.digits(4)}`,
      city,
      country: v.countriesCn[0]!,
    };
  }
  const core = rnd.pick(v.englishCompanyCores);
  return {
    name: `${core} ${rnd.pick(v.englishCompanySuffixes)}${serial > 0 ? ` ${serial}` : ''}`,
    chinese,
    domain: `${core.toLowerCase().replace(/[^a-z]/g, '')}${serial}.com`,
    industry: rnd.pick(v.industries),
    employees: rnd.int(5, 50_000),
    phone: westernPhone(rnd),
    city: rnd.pick(v.englishCities),
    country: rnd.pick(v.countriesEn),
  };
}
