// Columns that migration 0010_identity adds to platform tables, merged into their Kysely types.
import type { Json, Timestamp } from '../../platform/db/schema';

export interface BilingualLabel {
  en: string;
  'zh-CN': string;
}

declare module '../../platform/db/schema' {
  interface RolesTable {
    /** Display name per language; built-in roles fall back to their shipped labels. */
    label: Json<BilingualLabel> | null;
  }
  interface UsersTable {
    last_sign_in_at: Timestamp | null;
  }
}
