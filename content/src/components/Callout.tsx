// A styled box around Markdown content:
//   <Callout type="warning" title="Optional title">...</Callout>
// type: note | tip | warning | danger (anything else renders as note).
import type { ReactNode } from 'react';

export type CalloutType = 'note' | 'tip' | 'warning' | 'danger';

interface Props {
  type?: CalloutType;
  title?: string;
  children?: ReactNode;
}

const LABELS: Record<CalloutType, { icon: string; label: string }> = {
  // Plain text symbols: they exist in common fonts, unlike emoji.
  note: { icon: 'ℹ', label: 'Примечание' },
  tip: { icon: '✓', label: 'Совет' },
  warning: { icon: '⚠', label: 'Внимание' },
  danger: { icon: '✖', label: 'Опасно' },
};

export default function Callout({ type = 'note', title, children }: Props) {
  const kind: CalloutType = type in LABELS ? type : 'note';
  const { icon, label } = LABELS[kind];
  return (
    <aside className={`callout callout-${kind}`} role="note" aria-label={title ?? label}>
      <p className="callout-title">
        <span className="callout-icon" aria-hidden="true">{icon}</span> {title ?? label}
      </p>
      <div className="callout-body">{children}</div>
    </aside>
  );
}
