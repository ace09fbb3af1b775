import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOf } from '../../store/types.ts';
import { NodeCard } from '../NodeCard.tsx';

/** The entry point: what makes a friend start this scenario. Memoised: React Flow re-renders nodes on every viewport change otherwise. */
export const TriggerNode = memo(function TriggerNode({ id, data, selected }: NodeProps<CanvasNodeOf<'trigger'>>) {
  return <NodeCard id={id} type="trigger" data={data} selected={selected} />;
});
