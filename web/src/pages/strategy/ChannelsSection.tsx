// Channels on Dutta's matrix, the three decisions beside it, and each channel's reason, content plan and
// audiences (000, 001; 002, advice 8 and 10).
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { PlusIcon } from '../../components/Icons.tsx';
import { Button, Card, EmptyState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { required, useProblems } from '../../validation.ts';
import { Decisions } from './Decisions.tsx';
import { DuttaMatrix, NETWORK_MARK } from './DuttaMatrix.tsx';
import { numberText, parseNumber, useDraft, usePlan } from './PlanContext.tsx';
import { SaveBar, SelectField, TextAreaField, TextField, Why } from './parts.tsx';
import {
  type Channel,
  NETWORKS,
  type Network,
  QUADRANTS,
  type Quadrant,
  quadrantCentre,
  quadrantOf,
  TYPICAL_QUADRANT,
} from './types.ts';

function ChannelCard({ channel }: { channel: Channel }) {
  const { t, i18n } = useTranslation();
  const { doc, canEdit, write } = usePlan();
  const { draft, set, dirty, reset } = useDraft({
    network: channel.network,
    handle: channel.handle,
    reason: channel.reason,
    contentPlan: channel.contentPlan,
    postsPerWeek: numberText(channel.postsPerWeek, i18n.language),
    audienceIds: channel.audienceIds,
    ownerUserId: channel.ownerUserId,
  });
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  const quadrant = channel.x !== null && channel.y !== null ? quadrantOf(channel.x, channel.y) : null;
  const typical = TYPICAL_QUADRANT[draft.network];
  const location = useLocation();
  // A fix link to this channel opens it; otherwise it starts folded, so the list reads at a glance.
  const [open, setOpen] = useState(location.hash === `#channel-${channel.id}`);
  useEffect(() => {
    if (location.hash === `#channel-${channel.id}`) setOpen(true);
  }, [location.hash, channel.id]);

  async function save() {
    const posts = parseNumber(draft.postsPerWeek);
    if (!form.check(posts === undefined ? { postsPerWeek: required } : {})) return;
    setBusy(true);
    try {
      await write('PATCH', `/api/strategy/channels/${channel.id}`, { ...draft, postsPerWeek: posts });
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  function moveTo(q: Quadrant | null) {
    const others = doc.channels.filter(
      (c) => c.id !== channel.id && c.x !== null && c.y !== null && quadrantOf(c.x, c.y) === q,
    );
    const centre = q ? quadrantCentre(q) : null;
    // Channels sent to the same quadrant fan out, so they don't sit on top of each other.
    const offset = ((others.length % 5) - 2) * 0.045;
    void write(
      'PATCH',
      `/api/strategy/channels/${channel.id}`,
      centre ? { x: centre.x + offset, y: centre.y - offset } : { x: null, y: null },
    ).catch(form.fail);
  }

  const mark = NETWORK_MARK[channel.network];
  return (
    <article className="item-card" id={`channel-${channel.id}`} data-testid={`channel-${channel.id}`}>
      <header className="item-card__header">
        <span className="net-mark" style={{ background: mark.color }} aria-hidden="true">
          {mark.mark}
        </span>
        <h3 className="item-card__title">
          {channel.handle}{' '}
          <span className="item-card__sub">{t(`strategy.vocab.network.${channel.network}`)}</span>
        </h3>
        <span className={`tag${quadrant ? '' : ' tag--missing'}`}>
          {quadrant ? t(`strategy.vocab.quadrant.${quadrant}`) : t('strategy.channels.unplaced')}
        </span>
        <Button
          size="sm"
          variant="ghost"
          aria-expanded={open}
          aria-controls={`channel-${channel.id}-details`}
          onClick={() => setOpen(!open)}
          data-testid={`channel-${channel.id}-toggle`}
        >
          {open
            ? t('strategy.channels.close')
            : canEdit
              ? t('strategy.channels.edit')
              : t('strategy.channels.details')}
        </Button>
      </header>
      {!open && (
        <p className={`item-card__summary${channel.contentPlan ? '' : ' muted'}`}>
          {channel.contentPlan || t('strategy.channels.noContentPlan')}
          {channel.postsPerWeek !== null && (
            <span className="muted">
              {' '}
              · {t('strategy.channels.perWeek', { count: channel.postsPerWeek })}
            </span>
          )}
        </p>
      )}
      {open && (
        <div className="item-card__details" id={`channel-${channel.id}-details`}>
          <div className="form__row form__row--3">
            <SelectField
              label={t('strategy.channels.network')}
              value={draft.network}
              disabled={!canEdit}
              options={NETWORKS.map((n) => ({ value: n, label: t(`strategy.vocab.network.${n}`) }))}
              onChange={(v) => v && set('network', v as Network)}
            />
            <TextField
              label={t('strategy.channels.handle')}
              value={draft.handle}
              disabled={!canEdit}
              onChange={(v) => set('handle', v)}
              error={form.error('handle')}
            />
            <SelectField
              label={t('strategy.channels.quadrant')}
              value={quadrant}
              disabled={!canEdit}
              empty={t('strategy.channels.unplaced')}
              hint={
                typical
                  ? t('strategy.channels.typical', { quadrant: t(`strategy.vocab.quadrant.${typical}`) })
                  : undefined
              }
              options={QUADRANTS.map((q) => ({ value: q, label: t(`strategy.vocab.quadrant.${q}`) }))}
              onChange={(v) => moveTo(v as Quadrant | null)}
              testId={`channel-${channel.id}-quadrant`}
            />
          </div>
          <TextAreaField
            label={t('strategy.channels.reason')}
            value={draft.reason}
            rows={2}
            disabled={!canEdit}
            onChange={(v) => set('reason', v)}
            error={form.error('reason')}
            testId={`channel-${channel.id}-reason`}
          />
          <div className="form__row form__row--wide-narrow">
            <TextAreaField
              label={t('strategy.channels.contentPlan')}
              hint={t('strategy.channels.contentPlanHint')}
              value={draft.contentPlan}
              rows={2}
              disabled={!canEdit}
              onChange={(v) => set('contentPlan', v)}
              testId={`channel-${channel.id}-content`}
            />
            <TextField
              label={t('strategy.channels.postsPerWeek')}
              value={draft.postsPerWeek}
              inputMode="decimal"
              optional
              disabled={!canEdit}
              onChange={(v) => set('postsPerWeek', v)}
              error={form.error('postsPerWeek')}
            />
          </div>
          <div className="form__row">
            <fieldset className="checks" disabled={!canEdit}>
              <legend className="field__label">{t('strategy.channels.audiences')}</legend>
              {doc.audiences.length === 0 && (
                <p className="muted small">{t('strategy.channels.noAudiences')}</p>
              )}
              {doc.audiences.map((a) => (
                <label key={a.id} className="choice">
                  <input
                    type="checkbox"
                    checked={draft.audienceIds.includes(a.id)}
                    onChange={(e) =>
                      set(
                        'audienceIds',
                        e.target.checked
                          ? [...draft.audienceIds, a.id]
                          : draft.audienceIds.filter((x) => x !== a.id),
                      )
                    }
                  />
                  {a.name}
                </label>
              ))}
            </fieldset>
            <SelectField
              label={t('strategy.channels.owner')}
              value={draft.ownerUserId}
              disabled={!canEdit}
              empty={t('strategy.channels.noOwner')}
              options={doc.members.map((m) => ({ value: m.userId, label: m.name }))}
              onChange={(v) => set('ownerUserId', v)}
            />
          </div>
          {canEdit && (
            <SaveBar
              dirty={dirty}
              busy={busy}
              onReset={reset}
              onSave={() => void save()}
              testId={`channel-${channel.id}`}
              onDelete={() => write('DELETE', `/api/strategy/channels/${channel.id}`)}
              confirmBody={t('strategy.channels.deleteBody', { handle: channel.handle })}
            />
          )}
        </div>
      )}
    </article>
  );
}

function NewChannelForm() {
  const { t } = useTranslation();
  const { write, planId } = usePlan();
  const [network, setNetwork] = useState<Network>('bluesky');
  const [handle, setHandle] = useState('');
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.check(handle.trim() ? {} : { handle: required })) return;
    setBusy(true);
    try {
      await write('POST', `/api/strategy/plans/${planId}/channels`, { network, handle: handle.trim() });
      setHandle('');
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="add-form" onSubmit={submit} noValidate data-testid="channel-new">
      <SelectField
        label={t('strategy.channels.network')}
        value={network}
        options={NETWORKS.map((n) => ({ value: n, label: t(`strategy.vocab.network.${n}`) }))}
        onChange={(v) => v && setNetwork(v as Network)}
        testId="channel-new-network"
      />
      <TextField
        label={t('strategy.channels.handle')}
        value={handle}
        placeholder={t('strategy.channels.handlePlaceholder')}
        onChange={(v) => {
          setHandle(v);
          form.edited('handle');
        }}
        error={form.error('handle')}
        testId="channel-new-handle"
      />
      <Button type="submit" variant="primary" busy={busy} data-testid="channel-new-submit">
        <PlusIcon size={15} />
        {t('strategy.channels.add')}
      </Button>
    </form>
  );
}

export function ChannelsSection() {
  const { t } = useTranslation();
  const { doc, canEdit, write } = usePlan();
  const [placing, setPlacing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const unplaced = doc.channels.filter((c) => c.x === null || c.y === null);

  function place(id: string, x: number, y: number) {
    setError(undefined);
    setPlacing(null);
    write('PATCH', `/api/strategy/channels/${id}`, { x, y }).catch(setError);
  }

  return (
    <div className="stack">
      <Card
        title={t('strategy.channels.matrixTitle')}
        description={t('strategy.channels.matrixDescription')}
        id="matrix"
      >
        <Why source={t('strategy.sources.dutta')}>{t('strategy.channels.why')}</Why>
        {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
        <div className="matrix-layout">
          <div>
            {unplaced.length > 0 && (
              <div className="tray" data-testid="matrix-tray">
                <p className="tray__title">
                  {canEdit ? t('strategy.matrix.unplaced') : t('strategy.matrix.unplacedReadOnly')}
                </p>
                <div className="tray__chips">
                  {unplaced.map((c) => (
                    <button
                      key={c.id}
                      type="button"
                      className={`chip chip--button${placing === c.id ? ' chip--active' : ''}`}
                      aria-pressed={placing === c.id}
                      disabled={!canEdit}
                      data-testid={`tray-channel-${c.id}`}
                      onClick={() => setPlacing(placing === c.id ? null : c.id)}
                    >
                      {c.handle}
                    </button>
                  ))}
                </div>
              </div>
            )}
            {doc.channels.length === 0 && (
              <Notice>{canEdit ? t('strategy.matrix.emptyEdit') : t('strategy.matrix.empty')}</Notice>
            )}
            <DuttaMatrix
              channels={doc.channels}
              canEdit={canEdit}
              placing={placing}
              onPlace={place}
              onSelect={setPlacing}
            />
          </div>
          <Decisions />
        </div>
      </Card>
      <Card
        title={t('strategy.channels.title')}
        description={t('strategy.channels.description')}
        id="channel-list"
      >
        <Why source={t('strategy.sources.bi10')}>{t('strategy.channels.contentWhy')}</Why>
        {doc.channels.length === 0 && (
          <EmptyState title={t('strategy.channels.empty')}>{t('strategy.channels.emptyHint')}</EmptyState>
        )}
        <div className="item-list">
          {doc.channels.map((c) => (
            // Moving a channel on the matrix must not throw away edits in its card: x and y are not in the key.
            <ChannelCard key={JSON.stringify({ ...c, x: undefined, y: undefined })} channel={c} />
          ))}
        </div>
        {canEdit && <NewChannelForm />}
      </Card>
    </div>
  );
}
