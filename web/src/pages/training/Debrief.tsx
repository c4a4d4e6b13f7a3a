// The debrief after a run: the score and every reason for it, response times per post, deleted replies with
// what they would have triggered, and what a good answer contains.
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/ui.tsx';
import { CheckFindings } from './Timeline.tsx';
import { clock, type Debrief as DebriefData, duration } from './types.ts';

export function Debrief({ debrief }: { debrief: DebriefData }) {
  const { t } = useTranslation();
  const losses = debrief.reasons.filter((r) => r.points < 0);
  const notes = debrief.reasons.filter((r) => r.points >= 0);
  return (
    <div className="debrief" data-testid="training-debrief">
      <Card title={t('training.debrief.title')} description={debrief.summary}>
        <div className="debrief__top">
          <div className="score" data-testid="training-score">
            <span className="score__value">{debrief.score}</span>
            <span className="score__of">/ 100</span>
          </div>
          <dl className="debrief__facts">
            <div>
              <dt>{t('training.debrief.median')}</dt>
              <dd data-testid="training-debrief-median">
                {debrief.medianResponseMs === null ? '—' : duration(debrief.medianResponseMs)}
              </dd>
            </div>
            <div>
              <dt>{t('training.debrief.target')}</dt>
              <dd>{duration(debrief.respondWithinSeconds * 1000)}</dd>
            </div>
            <div>
              <dt>{t('training.debrief.replies')}</dt>
              <dd>{debrief.replies}</dd>
            </div>
            <div>
              <dt>{t('training.debrief.deletedCount')}</dt>
              <dd>{debrief.deletedReplies.length}</dd>
            </div>
          </dl>
        </div>
        <h3 className="debrief__h">{t('training.debrief.reasons')}</h3>
        <ul className="reasons" data-testid="training-reasons">
          {[...losses, ...notes].map((r) => (
            <li
              key={`${r.code}:${JSON.stringify(r.params)}`}
              className={`reason reason--${r.points < 0 ? 'loss' : 'note'}`}
              data-testid={`training-reason-${r.code}`}
            >
              <span className="reason__points">{r.points < 0 ? r.points : '✓'}</span>
              <span>{t(`training.reason.${r.code}`, r.params)}</span>
            </li>
          ))}
        </ul>
      </Card>

      <Card title={t('training.debrief.beats')}>
        <ol className="debrief-beats">
          {debrief.beats.map((b) => (
            <li key={b.eventId} className={b.skipped ? 'debrief-beat debrief-beat--skipped' : 'debrief-beat'}>
              <p className="debrief-beat__head">
                <span className="post__time">+{clock(b.atMs)}</span> <strong>{b.name}</strong>{' '}
                <span className={`persona persona--${b.persona}`}>{t(`training.persona.${b.persona}`)}</span>
                {b.skipped && (
                  <span className="debrief-beat__skipped"> · {t('training.debrief.skipped')}</span>
                )}
              </p>
              <p className="debrief-beat__text">{b.text}</p>
              {!b.skipped && b.answers.length === 0 && (
                <p
                  className={
                    b.expectsAnswer ? 'debrief-beat__none debrief-beat__none--miss' : 'debrief-beat__none'
                  }
                >
                  {b.expectsAnswer ? t('training.debrief.unanswered') : t('training.debrief.noAnswerNeeded')}
                </p>
              )}
              {b.answers.map((a) => (
                <div
                  key={a.eventId}
                  className={a.deleted ? 'debrief-answer debrief-answer--deleted' : 'debrief-answer'}
                >
                  <p className="debrief-answer__meta" data-testid="training-debrief-response">
                    {a.responseMs !== null &&
                      t('training.debrief.responseTime', { time: duration(a.responseMs) })}
                    {a.deleted &&
                      ` · ${t('training.debrief.deletedAt', { time: clock(a.deletedAtMs ?? 0) })}`}
                  </p>
                  <p className="debrief-answer__text">{a.text}</p>
                  {a.check && <CheckFindings check={a.check} compact />}
                </div>
              ))}
            </li>
          ))}
        </ol>
      </Card>

      <Card title={t('training.debrief.deletedTitle')} description={t('training.debrief.deletedDescription')}>
        {debrief.deletedReplies.length === 0 ? (
          <p className="training-muted">{t('training.debrief.noneDeleted')}</p>
        ) : (
          <ul className="debrief-deleted">
            {debrief.deletedReplies.map((a) => (
              <li key={a.eventId} data-testid="training-debrief-deleted">
                <p className="debrief-answer__text">{a.text}</p>
                <p className="debrief-answer__meta">
                  {t('training.debrief.deletedAfter', {
                    time: duration(Math.max(0, (a.deletedAtMs ?? a.atMs) - a.atMs)),
                  })}
                </p>
                {a.check && (
                  <div data-testid="training-debrief-hit">
                    <CheckFindings check={a.check} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('training.debrief.goodAnswer')}>
        <div className="good-answer">
          <div>
            <h3 className="debrief__h">{t('training.debrief.expected')}</h3>
            <ul className="elements">
              {debrief.expected.map((e) => (
                <li key={e.id} className={e.met ? 'element element--met' : 'element element--missing'}>
                  <span aria-hidden="true">{e.met ? '✓' : '○'}</span> {e.label}
                  <span className="element__phrases">{e.phrases.map((p) => `“${p}”`).join(', ')}</span>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3 className="debrief__h">{t('training.debrief.forbidden')}</h3>
            <ul className="elements">
              {debrief.forbidden.map((e) => (
                <li key={e.id} className={e.used ? 'element element--used' : 'element element--avoided'}>
                  <span aria-hidden="true">{e.used ? '✗' : '✓'}</span> {e.label}
                  <span className="element__phrases">{e.phrases.map((p) => `“${p}”`).join(', ')}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </Card>
    </div>
  );
}
