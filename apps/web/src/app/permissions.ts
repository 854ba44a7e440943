// The UI only reflects what /auth/me says the user may do (the server decides and enforces):
// buttons for forbidden actions are hidden so nobody clicks into a 403.
import type { Me, Permissions } from '@rapport/contracts/apiTypes';

export type ObjectAction = 'read' | 'create' | 'update' | 'delete';

export function can(perms: Permissions | undefined, object: string, action: ObjectAction): boolean {
  if (!perms) return false;
  const scope = perms.objects[object]?.[action] ?? perms.objects['*']?.[action] ?? 'none';
  return scope !== 'none';
}

export function hasCapability(me: Me | null | undefined, cap: string): boolean {
  return Boolean(me?.permissions.capabilities.includes(cap));
}

export function fieldAccess(
  perms: Permissions | undefined,
  object: string,
  field: string,
): 'hidden' | 'readOnly' | 'write' {
  return perms?.fields?.[object]?.[field] ?? 'write';
}

export const adminCapabilities = ['manageUsers', 'manageSchema', 'manageSettings'];
