import { useTranslation } from 'react-i18next';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/router.ts';
import { SimulatorPanel } from './SimulatorPanel.tsx';

/** The simulator beside the canvas, so a marketer can draw, publish and try without leaving. */
export function SimulatorDrawer({ ws, onClose }: { ws: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <aside className="sim-drawer" data-testid="simulator-drawer" aria-label={t('sim.title')}>
      <header className="sim-drawer-head">
        <h3>{t('sim.title')}</h3>
        <span className="spacer" />
        <Link to={paths.simulator(ws)} className="small">{t('sim.openPage')}</Link>
        <button type="button" onClick={onClose} data-testid="simulator-close">{t('sim.close')}</button>
      </header>
      <SimulatorPanel ws={ws} compact />
    </aside>
  );
}
