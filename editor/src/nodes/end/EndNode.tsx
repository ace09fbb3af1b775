import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOf } from '../../store/types.ts';
import { NodeCard } from '../NodeCard.tsx';

/** Ends the run; it has no outputs. Memoised: React Flow re-renders nodes on every viewport change otherwise. */
export const EndNode = memo(function EndNode({ id, data, selected }: NodeProps<CanvasNodeOf<'end'>>) {
  return <NodeCard id={id} type="end" data={data} selected={selected} />;
});
