// Strategy: not built yet; the page says what it will do for the team.
import { ComingSoon } from '../../components/ComingSoon.tsx';
import { StrategyIcon } from '../../components/Icons.tsx';

export function StrategyPage() {
  return <ComingSoon area="strategy" icon={StrategyIcon} />;
}
