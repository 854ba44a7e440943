// The standard objects the engine serves, by API name. Each one's definition (fields, labels,
// hooks) lives in its own domain folder; custom objects are built from object_definitions rows.
import { activitiesObject } from '../../activities/activitiesObject';
import { commitmentsObject } from '../../commitments/commitmentsObject';
import { companiesObject } from '../../companies/companiesObject';
import { contactsObject } from '../../contacts/contactsObject';
import { dealsObject } from '../../deals/dealsObject';
import { leadsObject } from '../../leads/leadsObject';
import { tagsObject } from '../../tags/tagsObject';
import { column, L, systemFields, tagField } from './define';
import type { Labels, ObjectDef } from './types';

export const standardObjects: ReadonlyMap<string, ObjectDef> = new Map(
  [
    companiesObject,
    contactsObject,
    leadsObject,
    dealsObject,
    activitiesObject,
    commitmentsObject,
    tagsObject,
  ].map((o) => [o.name, o]),
);

/** Names no custom object may take: standard objects and non-record targets of relations. */
export const reservedObjectNames = new Set([
  ...standardObjects.keys(),
  'users',
  'teams',
  'businessUnits',
  'pipelines',
  'pipelineStages',
  'records',
  'views',
  'emails',
  'objects',
  'schema',
  'search',
]);

/** The definition of a custom object: a title (`name`) column, then custom fields from metadata. */
export function customObjectDef(row: {
  name: string;
  labels: Labels;
  plural_labels: Labels;
  description: Labels | null;
}): ObjectDef {
  return {
    name: row.name,
    table: 'records',
    custom: true,
    labels: row.labels,
    pluralLabels: row.plural_labels,
    description: row.description ?? undefined,
    titleField: 'name',
    fields: [
      ...systemFields(),
      column('name', 'text', L('Name', '名称'), { required: true, search: 'names', maxLength: 500 }),
      tagField(),
    ],
  };
}

/** Field names a custom field may not take on any object (they mean something in every record). */
export const reservedFieldNames = new Set([
  'id',
  'object',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'ownerId',
  'teamId',
  'unitId',
  'deletedAt',
  'deletedBy',
  'related',
  'custom',
  'tags',
  'tagIds',
  'searchText',
]);
