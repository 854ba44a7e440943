// Tags: workspace-wide labels put on companies, contacts, leads and deals (their `tagIds`).
import { column, L, systemFields } from '../records/meta/define';
import type { ObjectDef } from '../records/meta/types';

export const tagsObject: ObjectDef = {
  name: 'tags',
  table: 'tags',
  labels: L('Tag', '标签'),
  pluralLabels: L('Tags', '标签'),
  titleField: 'name',
  fields: [
    ...systemFields(),
    column('name', 'text', L('Name', '名称'), {
      required: true,
      unique: true,
      uniqueIndex: 'tags_name_key',
      search: 'names',
      maxLength: 100,
    }),
    column('color', 'text', L('Color', '颜色'), { maxLength: 30 }),
  ],
};
