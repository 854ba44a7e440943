// A person's display name from first and last name: Chinese names read surname first with no
// space (张 + 伟 → 张伟), Western ones given name first (Wei Zhang).
const HAN = /\p{Script=Han}/u;

export function displayName(first: unknown, last: unknown): string {
  const f = typeof first === 'string' ? first.trim() : '';
  const l = typeof last === 'string' ? last.trim() : '';
  if (!f || !l) return f || l;
  if (HAN.test(f) || HAN.test(l)) return `${l}${f}`;
  return `${f} ${l}`;
}
