import { useTranslation } from 'react-i18next';
import { LANGS, setLang, type Lang } from '../i18n/index.ts';

export function LanguageSwitch({ testId = 'language-switch' }: { testId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('app.language')}</span>
      <select
        data-testid={testId}
        value={i18n.language}
        onChange={(e) => setLang(e.target.value as Lang)}
        aria-label={t('app.language')}
      >
        {LANGS.map((lang) => (
          <option key={lang} value={lang}>
            {t(lang === 'ja' ? 'app.langJa' : 'app.langEn')}
          </option>
        ))}
      </select>
    </label>
  );
}
