import { useTranslation } from 'react-i18next';
import { SimulatorPanel } from './SimulatorPanel.tsx';

export function SimulatorPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  return (
    <section className="page wide" data-testid="simulator-page">
      <h2>{t('sim.title')}</h2>
      <p className="muted">{t('sim.intro')}</p>
      <SimulatorPanel ws={ws} />
    </section>
  );
}
