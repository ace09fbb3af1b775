import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CanvasNodeOf } from '../../store/types.ts';
import { NodeCard } from '../NodeCard.tsx';

/** Which scenario is started or stopped. Memoised: React Flow re-renders nodes on every viewport change otherwise. */
export const ScenarioControlNode = memo(function ScenarioControlNode({ id, data, selected }: NodeProps<CanvasNodeOf<'scenarioControl'>>) {
  return <NodeCard id={id} type="scenarioControl" data={data} selected={selected} />;
});
