// Who is acting: a staff user (session cookie), an API key acting as its user, or the system
// (jobs, workflows). Customer-portal users will be a fourth kind with their own scope rule.
import type { RolePermissions } from './permissions';

export type ActorKind = 'user' | 'apiKey' | 'system';

export interface Actor {
  kind: ActorKind;
  workspaceId: string;
  /** The acting user; for the system actor the user it acts for, if any. */
  userId: string | null;
  roleKey: string;
  permissions: RolePermissions;
  /** Teams the user belongs to or manages: the "team" scope. */
  teamIds: string[];
  /** The user's business unit and every unit below it: the "unit" scope. */
  unitIds: string[];
  locale: string;
  sessionId?: string;
  apiKeyId?: string;
  /**
   * The workspace's data-model version when this actor was loaded (read by the same statement), so
   * object metadata kept from an earlier request can be checked without a query (loadObject.ts).
   */
  schemaVersion?: string;
}

export function systemActor(
  workspaceId: string,
  permissions: RolePermissions,
  userId: string | null = null,
): Actor {
  return {
    kind: 'system',
    workspaceId,
    userId,
    roleKey: 'admin',
    permissions,
    teamIds: [],
    unitIds: [],
    locale: 'en',
  };
}
