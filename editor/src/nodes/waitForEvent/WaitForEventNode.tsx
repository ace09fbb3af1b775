import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOf } from '../../store/types.ts';
import { NodeCard } from '../NodeCard.tsx';

/** Waits for a reaction, with "happened" and "timed out" outputs. Memoised: React Flow re-renders nodes on every viewport change otherwise. */
export const WaitForEventNode = memo(function WaitForEventNode({ id, data, selected }: NodeProps<CanvasNodeOf<'waitForEvent'>>) {
  return <NodeCard id={id} type="waitForEvent" data={data} selected={selected} />;
});
