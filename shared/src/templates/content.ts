import { Type, type Static } from 'typebox';
import { TemplateReferences } from './references.ts';

/** Template categories (ja/en labels: `template.category.<id>` in shared's i18n). */
export const TEMPLATE_CATEGORIES = ['welcome', 'sales', 'reminder', 'birthday', 'aftercare', 'course', 'inflow', 'other'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];
export const TemplateCategory = Type.Enum(TEMPLATE_CATEGORIES);

export const TEMPLATE_DESCRIPTION_MAX = 1000;
export const TemplateDescription = Type.String({ maxLength: TEMPLATE_DESCRIPTION_MAX });

/**
 * One template version's portable content: its graph (a FlowGraph, parsed on read like every
 * stored graph) and the catalogue entries the graph refers to.
 */
export const TemplateContent = Type.Object({
  graph: Type.Unknown({ description: 'A FlowGraph ({ schemaVersion, nodes, edges }), referring to the ids in references.' }),
  references: TemplateReferences,
}, { additionalProperties: false });
export type TemplateContent = Static<typeof TemplateContent>;
