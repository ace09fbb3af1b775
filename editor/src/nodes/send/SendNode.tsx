import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOf } from '../../store/types.ts';
import { NodeCard } from '../NodeCard.tsx';

/** The first line of the first message, and how many follow. Memoised: React Flow re-renders nodes on every viewport change otherwise. */
export const SendNode = memo(function SendNode({ id, data, selected }: NodeProps<CanvasNodeOf<'send'>>) {
  return <NodeCard id={id} type="send" data={data} selected={selected} />;
});
