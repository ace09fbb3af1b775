import { Type } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDateTime = Type.String({ format: 'date-time' });
/** Names of workspaces, scenarios and catalogue items. */
export const NAME_MAX_LENGTH = 100;
export const Name = Type.String({ minLength: 1, maxLength: NAME_MAX_LENGTH });

export const WorkspaceParams = Type.Object({ workspaceId: Uuid });
export const WorkspaceItemParams = Type.Object({ workspaceId: Uuid, id: Uuid });
