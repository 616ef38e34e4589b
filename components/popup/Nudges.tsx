/** Gentle notes the user asked for (a weekly budget, late nights); each can be dismissed. */
import type { Nudge } from '@/lib/usage/nudges';
import { formatDuration } from '@/lib/usage/format';
import { useI18n } from '../i18n';

export interface NudgesProps {
  nudges: readonly Nudge[];
  onDismiss(id: string): void;
}

export function Nudges({ nudges, onDismiss }: NudgesProps) {
  const i18n = useI18n();
  const { t } = i18n;
  if (nudges.length === 0) return null;
  return (
    <ul className="nudges">
      {nudges.map((n) => (
        <li key={n.id} className="nudge">
          <span>
            {n.kind === 'budget'
              ? t('usage.nudge.budget', { time: formatDuration(n.afterHoursMs, i18n), budget: formatDuration(n.budgetMs, i18n) })
              : t('usage.nudge.lateNights', { count: n.lateNights })}
          </span>
          <button type="button" className="link" onClick={() => onDismiss(n.id)}>
            {t('usage.nudge.dismiss')}
          </button>
        </li>
      ))}
    </ul>
  );
}
