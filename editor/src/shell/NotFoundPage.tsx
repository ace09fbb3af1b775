import { useTranslation } from 'react-i18next';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/router.ts';

/** An address that leads nowhere, or to a workspace the person may not see (the same to them). */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="page narrow" data-testid="not-found-page">
      <h2>{t('app.notFound')}</h2>
      <p><Link to={paths.home()}>{t('acct.backHome')}</Link></p>
    </section>
  );
}
