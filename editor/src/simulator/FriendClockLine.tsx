import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n/useLang.ts';
import { formatTime } from './friendTime.ts';

/**
 * Where this virtual friend's own clock stands once fast-forward moved it: the chat's times and
 * the next waits are in this time, not in the real one. Ticks once a minute.
 */
export const FriendClockLine = memo(function FriendClockLine({ offsetMs, timeZone }: { offsetMs: number; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [realNow, setRealNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setRealNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const now = new Date(realNow + offsetMs);
  return (
    <p className="sim-friend-clock small" data-testid="sim-friend-clock" data-simulated-now={now.toISOString()}>
      {t('simClock.now', { time: formatTime(now, timeZone, lang) })}
    </p>
  );
});
