import type { FieldMeta } from '@rapport/contracts/apiTypes';

export function columnWidth(f: FieldMeta): number {
  switch (f.type) {
    case 'boolean':
      return 90;
    case 'number':
      return 110;
    case 'date':
      return 130;
    case 'dateTime':
      return 170;
    case 'money':
      return 150;
    case 'select':
      return 140;
    case 'email':
    case 'relation':
      return 200;
    case 'longText':
      return 260;
    default:
      return 180;
  }
}
