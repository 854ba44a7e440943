// UUIDv7 ids whose time part is the record's creation time, as the app's own ids are (the app makes
// them at write time): generated records then sit in the indexes the way real ones would.
import type { Random } from './random';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

export function uuid7At(ms: number, rnd: Random): string {
  const t = hex(Math.floor(ms), 12);
  const a = hex(rnd.int(0, 0xfff), 3);
  const b = hex(0x8000 | rnd.int(0, 0x3fff), 4);
  const c = hex(rnd.int(0, 0xffffff), 6) + hex(rnd.int(0, 0xffffff), 6);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${a}-${b}-${c}`;
}
