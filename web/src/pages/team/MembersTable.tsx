// The members of the organisation; admins change roles inline and remove members after confirming.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isRole, type Member, ROLES, type Role } from '../../api.ts';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { initials } from '../../components/OrgSwitcher.tsx';
import { Button, EmptyState, ErrorState, LoadingState, Notice, RoleBadge } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useAuthenticated, useSession } from '../../session.tsx';
import type { ApiData } from '../../useApiData.ts';

interface Props {
  data: ApiData<{ members: Member[] }>;
  isAdmin: boolean;
}

export function MembersTable({ data, isAdmin }: Props) {
  const { t } = useTranslation();
  const session = useAuthenticated();
  const { reload: reloadSession } = useSession();
  const format = useFormat();
  const [busyId, setBusyId] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [removing, setRemoving] = useState<Member>();
  const [removeError, setRemoveError] = useState<unknown>();
  const [removeBusy, setRemoveBusy] = useState(false);

  if (data.loading && !data.data) return <LoadingState />;
  if (data.error && !data.data) return <ErrorState error={data.error} onRetry={data.reload} />;
  const members = [...(data.data?.members ?? [])].sort((a, b) => format.compare(a.name, b.name));
  if (members.length === 0) return <EmptyState title={t('team.members.empty')} />;

  async function changeRole(member: Member, role: Role) {
    setBusyId(member.userId);
    setError(undefined);
    try {
      await api.patch<Member>(`/api/team/members/${encodeURIComponent(member.userId)}`, { role });
      data.reload();
      if (member.userId === session.user.id) await reloadSession();
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(undefined);
    }
  }

  async function confirmRemove() {
    if (!removing) return;
    setRemoveBusy(true);
    setRemoveError(undefined);
    try {
      await api.delete(`/api/team/members/${encodeURIComponent(removing.userId)}`);
      setRemoving(undefined);
      data.reload();
    } catch (err) {
      setRemoveError(err);
    } finally {
      setRemoveBusy(false);
    }
  }

  return (
    <>
      {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
      <div className="table-wrap">
        <table className="table" data-testid="members-table">
          <thead>
            <tr>
              <th scope="col">{t('fields.name')}</th>
              <th scope="col">{t('fields.email')}</th>
              <th scope="col">{t('fields.role')}</th>
              <th scope="col">{t('team.members.joined')}</th>
              {isAdmin && (
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const isSelf = member.userId === session.user.id;
              return (
                <tr key={member.userId} data-testid={`member-row-${member.userId}`}>
                  <td>
                    <span className="person">
                      <span className="user-avatar user-avatar--sm" aria-hidden="true">
                        {initials(member.name)}
                      </span>
                      <span className="person__name">{member.name}</span>
                      {isSelf && <span className="tag">{t('common.you')}</span>}
                    </span>
                  </td>
                  <td className="muted">{member.email}</td>
                  <td>
                    {isAdmin ? (
                      <select
                        className="select--inline"
                        aria-label={t('team.members.roleFor', { name: member.name })}
                        data-testid={`member-role-${member.userId}`}
                        value={member.role}
                        disabled={busyId !== undefined}
                        onChange={(e) => {
                          const role = e.target.value;
                          if (isRole(role)) void changeRole(member, role);
                        }}
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`roles.${role}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <RoleBadge role={member.role} />
                    )}
                  </td>
                  <td className="nowrap">{format.date(member.joinedAt)}</td>
                  {isAdmin && (
                    <td className="table__actions">
                      {!isSelf && (
                        <Button
                          size="sm"
                          variant="ghost"
                          className="btn--danger-text"
                          data-testid={`member-remove-${member.userId}`}
                          aria-label={t('team.members.removeNamed', { name: member.name })}
                          onClick={() => {
                            setRemoveError(undefined);
                            setRemoving(member);
                          }}
                        >
                          {t('team.members.remove')}
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={removing !== undefined}
        title={t('team.members.removeTitle')}
        body={t('team.members.removeBody', {
          name: removing?.name ?? '',
          org: session.org?.name ?? '',
        })}
        confirmLabel={t('team.members.remove')}
        busy={removeBusy}
        error={removeError === undefined ? undefined : errorText(t, removeError)}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(undefined)}
      />
    </>
  );
}
