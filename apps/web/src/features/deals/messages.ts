// Labels of the deals board that came with server-side stage totals, in English and Simplified
// Chinese; en.ts and zh-CN.ts each include them with one line (`dealsBoard`).
export const dealsBoardEn = {
  shownOf: 'Showing {{shown}} of {{count}}',
  totalsUnavailable: 'Totals cover the loaded deals only',
  moveTo: 'Move to stage…',
  moveToLabel: 'Move {{name}} to stage…',
  currentStage: '{{stage}} (current)',
};

export const dealsBoardZh = {
  shownOf: '显示 {{shown}} / {{count}}',
  totalsUnavailable: '合计仅包含已加载的商机',
  moveTo: '移至阶段…',
  moveToLabel: '将「{{name}}」移至阶段…',
  currentStage: '{{stage}}（当前）',
} satisfies { [K in keyof typeof dealsBoardEn]: string };
