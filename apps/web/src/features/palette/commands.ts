// The palette's fixed commands. Matching is by words in either language, so "log", "call", "记录"
// and "电话" all find "Log a call" whatever language the UI is in.
export type CommandId =
  | 'logCall'
  | 'newDeal'
  | 'newContact'
  | 'newCompany'
  | 'newLead'
  | 'newTask'
  | 'myDay'
  | 'board'
  | 'contacts'
  | 'companies'
  | 'settings'
  | 'account';

export interface Command {
  id: CommandId;
  keywords: string;
  needs?: { object: string; action: 'create' | 'read' };
  adminOnly?: boolean;
}

export const commands: Command[] = [
  {
    id: 'logCall',
    keywords: 'log call phone quick 记录 电话 通话 拜访',
    needs: { object: 'activities', action: 'create' },
  },
  {
    id: 'newDeal',
    keywords: 'new deal opportunity create 新建 商机 交易',
    needs: { object: 'deals', action: 'create' },
  },
  {
    id: 'newContact',
    keywords: 'new contact person create 新建 联系人',
    needs: { object: 'contacts', action: 'create' },
  },
  {
    id: 'newCompany',
    keywords: 'new company account create 新建 公司 客户',
    needs: { object: 'companies', action: 'create' },
  },
  { id: 'newLead', keywords: 'new lead create 新建 线索', needs: { object: 'leads', action: 'create' } },
  {
    id: 'newTask',
    keywords: 'new task todo reminder 新建 任务 待办',
    needs: { object: 'activities', action: 'create' },
  },
  { id: 'myDay', keywords: 'my day today tasks home 我的一天 今天 任务' },
  {
    id: 'board',
    keywords: 'deals board pipeline kanban 商机 看板 管道',
    needs: { object: 'deals', action: 'read' },
  },
  { id: 'contacts', keywords: 'contacts people 联系人', needs: { object: 'contacts', action: 'read' } },
  {
    id: 'companies',
    keywords: 'companies accounts 公司 客户',
    needs: { object: 'companies', action: 'read' },
  },
  { id: 'settings', keywords: 'settings admin users fields 设置 管理 用户 字段', adminOnly: true },
  { id: 'account', keywords: 'account password language profile 账户 密码 语言' },
];

export function matchCommands(list: Command[], query: string, label: (c: Command) => string): Command[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (!words.length) return list;
  return list.filter((c) => {
    const hay = `${label(c)} ${c.keywords}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
