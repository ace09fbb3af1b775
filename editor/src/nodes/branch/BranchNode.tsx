import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOf } from '../../store/types.ts';
import { NodeCard } from '../NodeCard.tsx';

/** One output per case plus "otherwise"; case labels name the handles. Memoised: React Flow re-renders nodes on every viewport change otherwise. */
export const BranchNode = memo(function BranchNode({ id, data, selected }: NodeProps<CanvasNodeOf<'branch'>>) {
  return <NodeCard id={id} type="branch" data={data} selected={selected} />;
});
