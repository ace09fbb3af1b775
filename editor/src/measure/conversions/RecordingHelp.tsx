import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLICK_TOKEN_PARAM, type ConversionPoint } from '@lsb/shared/api';
import { accountPaths } from '../../accounts/paths.ts';
import { Link } from '../../routing/Link.tsx';

/** The three ways to record this point, each with a snippet to copy. */
export function RecordingHelp({ ws, point, origin = window.location.origin }: { ws: string; point: ConversionPoint; origin?: string }) {
  const { t } = useTranslation();
  const api = `curl -X POST '${origin}/api/workspaces/${ws}/conversions' \\
  -H 'Authorization: Bearer <APIトークン / API token>' \\
  -H 'Content-Type: application/json' \\
  -d '{"pointId":"${point.id}","lineUserId":"U…","value":${point.defaultValue ?? 1000},"orderId":"order-123"}'`;
  const pixel = `<script>
  var ct = new URLSearchParams(location.search).get('${CLICK_TOKEN_PARAM}');
  if (ct) new Image().src = '${point.pixelUrl}'.replace('{ct}', encodeURIComponent(ct));
</script>`;
  return (
    <div className="recording-help" data-testid="recording-help">
      <h4>{t('measure.conv.api.title')}</h4>
      <p className="muted small">{t('measure.conv.api.intro')} <Link to={accountPaths.tokens(ws)}>{t('measure.conv.api.tokens')}</Link></p>
      <Snippet text={api} testId="snippet-api" />
      <p className="muted small">{t('measure.conv.api.friendHint')}</p>
      <h4>{t('measure.conv.pixel.title')}</h4>
      <p className="muted small">{t('measure.conv.pixel.intro')}</p>
      <Snippet text={pixel} testId="snippet-pixel" />
      <h4>{t('measure.conv.redirect.title')}</h4>
      <p className="muted small">{t('measure.conv.redirect.intro')}</p>
      <Snippet text={point.redirectUrl} testId="snippet-redirect" />
    </div>
  );
}

function Snippet({ text, testId }: { text: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <pre className="code-block" data-testid={testId}>{text}</pre>
      <button type="button" className="small-button" data-testid={`${testId}-copy`}
        onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true), () => setCopied(false))}>
        {copied ? t('measure.conv.copied') : t('measure.conv.copy')}
      </button>
    </div>
  );
}
