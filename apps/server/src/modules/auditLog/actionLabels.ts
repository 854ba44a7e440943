// What each audit action means, in every shipped language, for the admin's audit log page.
import type { BilingualLabel } from '../users/identityColumns';

export const auditActionLabels: Record<string, BilingualLabel> = {
  'workspace.created': { en: 'Workspace set up', 'zh-CN': '创建工作区' },
  'workspace.updated': { en: 'Workspace settings changed', 'zh-CN': '修改工作区设置' },
  'user.created': { en: 'User created', 'zh-CN': '创建用户' },
  'user.updated': { en: 'User changed', 'zh-CN': '修改用户' },
  'user.roleChanged': { en: 'Role of a user changed', 'zh-CN': '更改用户角色' },
  'user.deactivated': { en: 'User deactivated', 'zh-CN': '停用用户' },
  'user.reactivated': { en: 'User reactivated', 'zh-CN': '重新启用用户' },
  'user.passwordReset': { en: 'Password reset by an admin', 'zh-CN': '管理员重置密码' },
  'auth.passwordChanged': { en: 'Password changed', 'zh-CN': '修改密码' },
  'auth.emailChanged': { en: 'Sign-in email changed', 'zh-CN': '修改登录邮箱' },
  'role.created': { en: 'Role created', 'zh-CN': '创建角色' },
  'role.updated': { en: 'Role changed', 'zh-CN': '修改角色' },
  'role.deleted': { en: 'Role deleted', 'zh-CN': '删除角色' },
  'team.created': { en: 'Team created', 'zh-CN': '创建团队' },
  'team.updated': { en: 'Team changed', 'zh-CN': '修改团队' },
  'team.deleted': { en: 'Team deleted', 'zh-CN': '删除团队' },
  'unit.created': { en: 'Business unit created', 'zh-CN': '创建业务单元' },
  'unit.updated': { en: 'Business unit changed', 'zh-CN': '修改业务单元' },
  'unit.deleted': { en: 'Business unit deleted', 'zh-CN': '删除业务单元' },
  'session.revoked': { en: 'Session ended', 'zh-CN': '结束会话' },
  'session.revokedAll': { en: 'All sessions ended', 'zh-CN': '结束全部会话' },
  'apiKey.created': { en: 'API key created', 'zh-CN': '创建 API 密钥' },
  'apiKey.revoked': { en: 'API key revoked', 'zh-CN': '吊销 API 密钥' },
};

/** Other domains write their own actions; an unknown one is shown by its name in both languages. */
export const auditActionLabel = (action: string): BilingualLabel =>
  auditActionLabels[action] ?? { en: action, 'zh-CN': action };
