// Inbox: not built yet; the page says what it will do for the team.
import { ComingSoon } from '../../components/ComingSoon.tsx';
import { InboxIcon } from '../../components/Icons.tsx';

export function InboxPage() {
  return <ComingSoon area="inbox" icon={InboxIcon} />;
}
