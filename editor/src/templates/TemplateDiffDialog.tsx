import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { describeNode } from '../flow/describe.ts';
import { emptyGraph, parseFlowGraph, type FlowGraph, type FlowNode } from '../flow/language.ts';
import { useSharedT } from '../i18n/useLang.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { useFlow } from '../store/FlowStoreContext.tsx';
import type { TemplateLink } from './api.ts';
import { GraphPicture } from './GraphPicture.tsx';
import { diffGraphs } from './graphDiff.ts';

const parse = (graph: unknown): FlowGraph => {
  const parsed = parseFlowGraph(graph);
  return parsed.ok ? parsed.graph : emptyGraph();
};

/** The template's newer version against the one this scenario was cloned from: nodes added, removed, changed, drawn and listed. */
export function TemplateDiffDialog({ link, onClose }: { link: TemplateLink; onClose: () => void }) {
  const { t } = useTranslation();
  const st = useSharedT();
  const catalogue = useFlow((s) => s.catalogue);
  const diff = useMemo(() => diffGraphs(parse(link.clonedGraph), parse(link.latestGraph)), [link]);
  const name = (node: FlowNode) => describeNode(node, catalogue, st);
  const sections = [
    { key: 'added', nodes: diff.added },
    { key: 'changed', nodes: diff.changed },
    { key: 'removed', nodes: diff.removed },
  ] as const;
  return (
    <Dialog title={t('tpl.diff.title', { name: link.templateName, from: link.clonedVersion, to: link.latestVersion })} onClose={onClose} testId="template-diff" wide>
      <GraphPicture graph={diff.merged} marks={diff.marks} height={260} label={t('tpl.diff.picture')} testId="template-diff-picture" />
      <p className="diff-legend muted">
        <span className="diff-added">■ {t('tpl.diff.added')}</span> <span className="diff-changed">■ {t('tpl.diff.changed')}</span> <span className="diff-removed">■ {t('tpl.diff.removed')}</span>
      </p>
      {sections.map((s) => s.nodes.length > 0 && (
        <div key={s.key} data-testid={`template-diff-${s.key}`}>
          <strong>{t(`tpl.diff.${s.key}`)} ({s.nodes.length})</strong>
          <ul>{s.nodes.map((n) => <li key={n.id}>{name(n)}</li>)}</ul>
        </div>
      ))}
      {diff.added.length + diff.changed.length + diff.removed.length === 0 && <p className="muted">{t('tpl.diff.none')}</p>}
      <p className="muted">{t('tpl.diff.howToApply')}</p>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>{t('tpl.close')}</button>
      </div>
    </Dialog>
  );
}
