// Privilege containment: someone who manages users or roles may only hand out what they hold
// themselves, so a delegated user admin cannot promote themselves (or a friend) to full admin.
import {
  actions,
  type RolePermissions,
  type Scope,
  scopeFor,
  scopes,
} from '../../platform/access/permissions';

const rank = (s: Scope) => scopes.indexOf(s);

/** Null when `holder` has at least every permission in `granted`; otherwise what exceeds it. */
export function firstExcess(holder: RolePermissions, granted: RolePermissions): string | null {
  for (const cap of granted.capabilities) {
    if (!holder.capabilities.includes(cap)) return `the ${cap} capability`;
  }
  const objects = new Set(['*', ...Object.keys(holder.objects), ...Object.keys(granted.objects)]);
  for (const object of objects) {
    for (const action of actions) {
      const g = scopeFor(granted, object, action);
      const h = scopeFor(holder, object, action);
      if (rank(g) > rank(h)) return `${action} scope "${g}" on ${object === '*' ? 'all objects' : object}`;
    }
  }
  // A field the holder cannot see (or change) must be at least as restricted in the granted role.
  for (const [object, fields] of Object.entries(holder.fields ?? {})) {
    for (const [field, access] of Object.entries(fields)) {
      const g = granted.fields?.[object]?.[field];
      if (access === 'hidden' && g !== 'hidden') return `access to the hidden field ${object}.${field}`;
      if (access === 'readOnly' && g === undefined) return `write access to the field ${object}.${field}`;
    }
  }
  return null;
}
