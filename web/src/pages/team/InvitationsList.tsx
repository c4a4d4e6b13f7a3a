// Invitations not yet accepted, with who sent them, when they expire, and revoke.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Invitation } from '../../api.ts';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { Button, EmptyState, ErrorState, LoadingState, RoleBadge } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import type { ApiData } from '../../useApiData.ts';

export function InvitationsList({ data }: { data: ApiData<{ invitations: Invitation[] }> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [revoking, setRevoking] = useState<Invitation>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  if (data.loading && !data.data) return <LoadingState />;
  if (data.error && !data.data) return <ErrorState error={data.error} onRetry={data.reload} />;
  const invitations = data.data?.invitations ?? [];
  if (invitations.length === 0) {
    return <EmptyState title={t('team.invitations.empty')}>{t('team.invitations.emptyHint')}</EmptyState>;
  }

  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.delete(`/api/team/invitations/${encodeURIComponent(revoking.id)}`);
      setRevoking(undefined);
      data.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid="invitations-table">
          <thead>
            <tr>
              <th scope="col">{t('fields.email')}</th>
              <th scope="col">{t('fields.role')}</th>
              <th scope="col">{t('team.invitations.invitedBy')}</th>
              <th scope="col">{t('team.invitations.expires')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((inv) => (
              <tr key={inv.id} data-testid={`invitation-row-${inv.id}`}>
                <td>{inv.email ?? <span className="muted">{t('team.invitations.anyone')}</span>}</td>
                <td>
                  <RoleBadge role={inv.role} />
                </td>
                <td>{inv.invitedBy?.name ?? <span className="muted">—</span>}</td>
                <td className="nowrap">{format.dateTime(inv.expiresAt)}</td>
                <td className="table__actions">
                  <Button
                    size="sm"
                    variant="ghost"
                    className="btn--danger-text"
                    data-testid={`invitation-revoke-${inv.id}`}
                    onClick={() => {
                      setError(undefined);
                      setRevoking(inv);
                    }}
                  >
                    {t('team.invitations.revoke')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={revoking !== undefined}
        title={t('team.invitations.revokeTitle')}
        body={
          revoking?.email
            ? t('team.invitations.revokeBody', { email: revoking.email })
            : t('team.invitations.revokeBodyOpen')
        }
        confirmLabel={t('team.invitations.revoke')}
        busy={busy}
        error={error === undefined ? undefined : errorText(t, error)}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(undefined)}
      />
    </>
  );
}
