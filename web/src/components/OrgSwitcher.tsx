// The organisation switcher at the top of the sidebar: current organisation and role, the others, "create".
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, type SessionInfo } from '../api.ts';
import { errorText } from '../errors.ts';
import { useFormat } from '../format.ts';
import { useAuthenticated, useSession } from '../session.tsx';
import { CreateOrgDialog } from './CreateOrgDialog.tsx';
import { CheckIcon, ChevronIcon, PlusIcon } from './Icons.tsx';

export function OrgSwitcher() {
  const { t } = useTranslation();
  const session = useAuthenticated();
  const { establish } = useSession();
  const { compare } = useFormat();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [busyId, setBusyId] = useState<string>();
  const [error, setError] = useState<unknown>();
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    function onPointer(event: PointerEvent) {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    }
    function onKey(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  async function switchTo(orgId: string) {
    if (orgId === session.org?.id) {
      setOpen(false);
      return;
    }
    setBusyId(orgId);
    setError(undefined);
    try {
      const next = await api.put<SessionInfo>('/api/session/org', { orgId });
      establish(next);
      setOpen(false);
      navigate('/', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(undefined);
    }
  }

  const orgs = [...session.orgs].sort((a, b) => compare(a.name, b.name));
  const current = session.org;

  return (
    <div className="org-switcher" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="org-switcher__button"
        data-testid="org-switcher"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t('shell.orgSwitcherLabel', { org: current?.name ?? '' })}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="org-avatar" aria-hidden="true">
          {initials(current?.name ?? '?')}
        </span>
        <span className="org-switcher__text">
          <span className="org-switcher__name" data-testid="current-org-name">
            {current?.name}
          </span>
          {session.role && (
            <span className="org-switcher__role" data-testid="current-role">
              {t(`roles.${session.role}`)}
            </span>
          )}
        </span>
        <ChevronIcon size={16} className="org-switcher__chevron" />
      </button>

      {open && (
        <div className="menu" id={menuId} role="menu" aria-label={t('shell.yourOrgs')}>
          <p className="menu__heading">{t('shell.yourOrgs')}</p>
          {orgs.map((org) => (
            <button
              key={org.id}
              type="button"
              role="menuitemradio"
              aria-checked={org.id === current?.id}
              className="menu__item"
              data-testid={`org-option-${org.id}`}
              disabled={busyId !== undefined}
              onClick={() => void switchTo(org.id)}
            >
              <span className="org-avatar org-avatar--sm" aria-hidden="true">
                {initials(org.name)}
              </span>
              <span className="menu__item-text">
                <span>{org.name}</span>
                <span className="menu__item-sub">{t(`roles.${org.role}`)}</span>
              </span>
              {org.id === current?.id && <CheckIcon size={16} className="menu__check" />}
            </button>
          ))}
          <div className="menu__divider" />
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="org-create"
            onClick={() => {
              setOpen(false);
              setCreating(true);
            }}
          >
            <span className="menu__icon">
              <PlusIcon size={16} />
            </span>
            <span>{t('shell.createOrg')}</span>
          </button>
          {error !== undefined && (
            <p className="menu__error" role="alert">
              {errorText(t, error)}
            </p>
          )}
        </div>
      )}
      <CreateOrgDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]?.[0], words[1]?.[0]] : [words[0]?.[0], words[0]?.[1]];
  return letters.filter(Boolean).join('').toUpperCase() || '?';
}
