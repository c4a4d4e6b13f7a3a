// Creating another organisation: its name and time zone; the creator becomes its admin and is switched to it.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, type SessionInfo } from '../api.ts';
import { useSession } from '../session.tsx';
import { browserTimeZone } from '../timezones.ts';
import { required, useProblems } from '../validation.ts';
import { Dialog } from './Dialog.tsx';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';
import { Button, Field, Notice } from './ui.tsx';

export function CreateOrgForm({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const { establish } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const form = useProblems();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      form.check({ name: required });
      return;
    }
    form.check({});
    setBusy(true);
    try {
      const session = await api.post<SessionInfo>('/api/orgs', { name: name.trim(), timeZone });
      establish(session);
      onDone();
      navigate('/', { replace: true });
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="create-org-form">
      {form.failureText && <Notice tone="error">{form.failureText}</Notice>}
      <Field label={t('createOrg.name')} error={form.error('name')}>
        {(c) => (
          <input
            {...c}
            data-testid="create-org-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="organization"
            required
          />
        )}
      </Field>
      <Field label={t('createOrg.timeZone')} error={form.error('timeZone')}>
        {(c) => (
          <TimeZoneSelect {...c} value={timeZone} onChange={setTimeZone} testId="create-org-timezone" />
        )}
      </Field>
      <div className="form__actions">
        {onCancel && (
          <Button onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </Button>
        )}
        <Button type="submit" variant="primary" busy={busy} data-testid="create-org-submit">
          {t('createOrg.submit')}
        </Button>
      </div>
    </form>
  );
}

export function CreateOrgDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('createOrg.title')} onClose={onClose} testId="create-org-dialog">
      <p className="muted">{t('createOrg.intro')}</p>
      <CreateOrgForm onDone={onClose} onCancel={onClose} />
    </Dialog>
  );
}
