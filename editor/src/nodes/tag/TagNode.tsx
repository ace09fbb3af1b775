import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOf } from '../../store/types.ts';
import { NodeCard } from '../NodeCard.tsx';

/** Tags added and removed, by name. Memoised: React Flow re-renders nodes on every viewport change otherwise. */
export const TagNode = memo(function TagNode({ id, data, selected }: NodeProps<CanvasNodeOf<'tag'>>) {
  return <NodeCard id={id} type="tag" data={data} selected={selected} />;
});
