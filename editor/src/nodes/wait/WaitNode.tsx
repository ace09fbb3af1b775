import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOf } from '../../store/types.ts';
import { NodeCard } from '../NodeCard.tsx';

/** Shows the wait in words, e.g. 「1日後 10:00」. Memoised: React Flow re-renders nodes on every viewport change otherwise. */
export const WaitNode = memo(function WaitNode({ id, data, selected }: NodeProps<CanvasNodeOf<'wait'>>) {
  return <NodeCard id={id} type="wait" data={data} selected={selected} />;
});
