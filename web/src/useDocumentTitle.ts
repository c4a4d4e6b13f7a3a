// Sets the browser tab title for a screen: "Team · Stemme".
import { useEffect } from 'react';

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Stemme` : 'Stemme';
  }, [title]);
}
