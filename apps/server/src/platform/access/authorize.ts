// The one place that decides what an actor may do: checks for actions and SQL conditions that
// scope queries, from the same permission document.
import { type ExpressionBuilder, type Expression, type SqlBool, sql } from 'kysely';
import { Forbidden } from '../errors';
import type { Actor } from './actor';
import { type Action, type Capability, type Scope, fieldAccess, scopeFor } from './permissions';

export function scopeOf(actor: Actor, object: string, action: Action): Scope {
  if (actor.kind === 'system') return 'all';
  return scopeFor(actor.permissions, object, action);
}

export function can(actor: Actor, object: string, action: Action): boolean {
  return scopeOf(actor, object, action) !== 'none';
}

/** Throws 403 unless the actor may perform the action on some records of the object. */
export function authorize(actor: Actor, object: string, action: Action): Scope {
  const scope = scopeOf(actor, object, action);
  if (scope === 'none') throw new Forbidden(`You may not ${action} ${object}`);
  return scope;
}

export function hasCapability(actor: Actor, capability: Capability): boolean {
  return actor.kind === 'system' || actor.permissions.capabilities.includes(capability);
}

export function requireCapability(actor: Actor, capability: Capability): void {
  if (!hasCapability(actor, capability)) throw new Forbidden(`This needs the ${capability} permission`);
}

export interface OwnershipColumns {
  owner: string;
  team: string;
  unit: string;
}

export interface Ownership {
  ownerId: string | null;
  teamId: string | null;
  unitId: string | null;
}

/** Whether one record (already loaded) is within the actor's scope for the action. */
export function withinScope(actor: Actor, scope: Scope, rec: Ownership): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'own':
      return rec.ownerId !== null && rec.ownerId === actor.userId;
    case 'team':
      return (
        (rec.ownerId !== null && rec.ownerId === actor.userId) ||
        (rec.teamId !== null && actor.teamIds.includes(rec.teamId))
      );
    case 'unit':
      return withinScope(actor, 'team', rec) || (rec.unitId !== null && actor.unitIds.includes(rec.unitId));
  }
}

/**
 * The SQL condition for a scope, over the given ownership columns (qualified names such as
 * "d.owner_id"). Returns null for "all": no condition at all keeps the plan simple.
 */
export function scopeCondition(
  actor: Actor,
  scope: Scope,
  cols: OwnershipColumns,
): ((eb: ExpressionBuilder<any, any>) => Expression<SqlBool>) | null {
  if (scope === 'all') return null;
  return (eb) => {
    const me = actor.userId;
    const ownCond = me ? eb(eb.ref(cols.owner), '=', me) : sql<SqlBool>`false`;
    if (scope === 'none') return sql<SqlBool>`false`;
    if (scope === 'own') return ownCond;
    const ors: Expression<SqlBool>[] = [ownCond];
    if (actor.teamIds.length) ors.push(eb(eb.ref(cols.team), 'in', actor.teamIds));
    if (scope === 'unit' && actor.unitIds.length) ors.push(eb(eb.ref(cols.unit), 'in', actor.unitIds));
    return eb.or(ors);
  };
}

export function fieldVisibility(
  actor: Actor,
  object: string,
  field: string,
): 'hidden' | 'readOnly' | 'write' {
  if (actor.kind === 'system') return 'write';
  return fieldAccess(actor.permissions, object, field);
}
