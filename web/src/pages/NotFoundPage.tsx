// A path the app does not know.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState, PageHeader } from '../components/ui.tsx';
import { useDocumentTitle } from '../useDocumentTitle.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="page">
      <PageHeader title={t('notFound.title')} />
      <EmptyState title={t('notFound.body')}>
        <Link to="/">{t('notFound.home')}</Link>
      </EmptyState>
    </div>
  );
}
