/**
 * The toolbar popup (DESIGN §9): a boundary tool, not a monitoring tool. Presentational: the
 * container loads the summary through the background and passes it in.
 */
import type { ReactNode } from 'react';
import type { PlatformId } from '@/lib/platforms/types';
import type { Nudge } from '@/lib/usage/nudges';
import type { UsageSummary } from '@/lib/usage/summary';
import { useI18n } from '../i18n';
import { Facts } from './Facts';
import { Headline } from './Headline';
import { Nudges } from './Nudges';
import { PlatformSplit } from './PlatformSplit';
import { ShiftStatus } from './ShiftStatus';
import { Trend } from './Trend';
import { WeekChart } from './WeekChart';

export type UsagePopupState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; summary: UsageSummary; nudges: readonly Nudge[] };

export interface UsagePopupProps {
  state: UsagePopupState;
  platformNames: Readonly<Record<PlatformId, string>>;
  onDismissNudge(id: string): void;
  onOpenSettings(): void;
  /** Who covers the team while the user is off shift (a later issue fills this). */
  coverage?: ReactNode;
}

export function UsagePopup({ state, platformNames, onDismissNudge, onOpenSettings, coverage }: UsagePopupProps) {
  const { t } = useI18n();
  return (
    <main className="usage-popup">
      <header>
        <h1>{t('usage.title')}</h1>
      </header>
      {state.status === 'loading' && <p role="status">{t('usage.loading')}</p>}
      {state.status === 'error' && (
        <p role="alert" className="error">
          {t('usage.error', { message: state.message })}
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <ShiftStatus shift={state.summary.shift} now={state.summary.now} timeZone={state.summary.timeZone} coverage={coverage} />
          <Nudges nudges={state.nudges} onDismiss={onDismissNudge} />
          {state.summary.hasData ? (
            <>
              <Headline summary={state.summary} />
              <WeekChart days={state.summary.days} />
              <Trend trend={state.summary.trend} />
              <Facts summary={state.summary} />
              <PlatformSplit platforms={state.summary.platforms} names={platformNames} />
            </>
          ) : (
            <section className="empty" aria-labelledby="usage-empty-title">
              <h2 id="usage-empty-title">{t('usage.empty.title')}</h2>
              <p>{t('usage.empty.body')}</p>
            </section>
          )}
        </>
      )}
      <footer>
        <p className="privacy" data-testid="privacy">
          {t('usage.privacy')}
        </p>
        <button type="button" className="link" onClick={onOpenSettings}>
          {t('usage.settings')}
        </button>
      </footer>
    </main>
  );
}
