// Turns an API error into words for the user: known codes are translated, otherwise the server's message.
import type { TFunction } from 'i18next';
import { ApiError } from './api.ts';

export function errorText(t: TFunction, err: unknown): string {
  if (!(err instanceof ApiError)) return t('errors.generic');
  switch (err.code) {
    case 'network':
      return t('errors.network');
    case 'invalid_credentials':
      return t('errors.invalidCredentials');
    case 'locked': {
      const seconds = Number(err.details.retryAfterSeconds);
      const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15;
      return t('errors.locked', { count: minutes });
    }
    case 'rate_limited':
      return t('errors.rateLimited');
    case 'validation':
      // The fields themselves carry the detail; the summary only points at them.
      return Object.keys(err.fields).length > 0 ? t('errors.validation') : err.message;
    case 'csrf':
      return t('errors.csrf');
    case 'forbidden':
      return t('errors.forbidden');
    case 'last_admin':
      return t('errors.lastAdmin');
    case 'account_exists':
      return t('errors.accountExists');
    case 'email_mismatch':
      return t('errors.validation');
    case 'already_onboarded':
      return t('errors.alreadyOnboarded');
    case 'invitation_expired':
    case 'invitation_used':
    case 'invitation_not_found':
      return t('invite.invalidBody');
    default:
      break;
  }
  if (err.status >= 500) return t('errors.server');
  return err.message || t('errors.generic');
}
