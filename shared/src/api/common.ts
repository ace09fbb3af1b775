import { Type, type TSchema } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDateTime = Type.String({ format: 'date-time' });
export const Name = Type.String({ minLength: 1, maxLength: 100 });

export const WorkspaceParams = Type.Object({ workspaceId: Uuid });
export const WorkspaceItemParams = Type.Object({ workspaceId: Uuid, id: Uuid });

export const IdResponse = Type.Object({ id: Uuid });

export function ListOf<T extends TSchema>(item: T) {
  return Type.Array(item);
}
