// One "name" column split into first and last name. Chinese names put the family name first and
// it is one character except for the compound surnames below (欧阳娜娜 → 欧阳 + 娜娜); transliterated
// names with a middle dot keep the given name first (约翰·史密斯). Western names: "Ada Lovelace" or
// "Lovelace, Ada".
const compoundSurnames = new Set(
  (
    '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 轩辕 端木 独孤 南宫 西门 百里 ' +
    '呼延 万俟 闻人 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠 钟离 赫连 拓跋 第五 巫马 公西 漆雕 乐正 ' +
    '壤驷 公良 夹谷 宰父 谷梁 段干 东郭 南门 羊舌 微生 梁丘 左丘 东门 亓官 司寇 子车 颛孙 公羊 ' +
    '司空 鲜于 闾丘 仲孙 叔孙 轩辕 令狐 钟离 宇文 长孙 慕容 司徒 司空 完颜 爱新觉罗'
  ).split(' '),
);

const hanRe = /^[\u3400-\u9fff\uf900-\ufaff·•・.\s]+$/u;

export interface SplitName {
  firstName: string;
  lastName: string;
}

export function splitFullName(text: string): SplitName {
  const s = text.trim().replace(/\s+/g, ' ');
  if (!s) return { firstName: '', lastName: '' };
  if (hanRe.test(s)) {
    const dotted = s
      .split(/[·•・.]/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (dotted.length > 1) return { firstName: dotted[0]!, lastName: dotted.slice(1).join('·') };
    const han = s.replace(/\s/g, '');
    if (han.length === 1) return { firstName: '', lastName: han };
    for (const len of [4, 2]) {
      const head = han.slice(0, len);
      if (compoundSurnames.has(head) && han.length > len)
        return { lastName: head, firstName: han.slice(len) };
    }
    return { lastName: han.slice(0, 1), firstName: han.slice(1) };
  }
  const comma = /^([^,]+),\s*(.+)$/.exec(s);
  if (comma) return { lastName: comma[1]!.trim(), firstName: comma[2]!.trim() };
  const i = s.lastIndexOf(' ');
  if (i === -1) return { firstName: '', lastName: s };
  return { firstName: s.slice(0, i), lastName: s.slice(i + 1) };
}
