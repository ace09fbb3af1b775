import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOf } from '../../store/types.ts';
import { NodeCard } from '../NodeCard.tsx';

/** Which friend field changes and how. Memoised: React Flow re-renders nodes on every viewport change otherwise. */
export const SetFieldNode = memo(function SetFieldNode({ id, data, selected }: NodeProps<CanvasNodeOf<'setField'>>) {
  return <NodeCard id={id} type="setField" data={data} selected={selected} />;
});
