import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOf } from '../../store/types.ts';
import { NodeCard } from '../NodeCard.tsx';

/** One output per arm, labelled with its share. Memoised: React Flow re-renders nodes on every viewport change otherwise. */
export const RandomSplitNode = memo(function RandomSplitNode({ id, data, selected }: NodeProps<CanvasNodeOf<'randomSplit'>>) {
  return <NodeCard id={id} type="randomSplit" data={data} selected={selected} />;
});
