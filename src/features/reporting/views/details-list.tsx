/** A list of labelled facts (dates, theme, reference, answers) as a description list. */
import type { ComponentChildren } from 'preact';

export interface Detail {
  label: string;
  value: ComponentChildren;
  /** Keeps the reporter's own line breaks (their answers). */
  multiline?: boolean;
}

export function DetailsList({ items }: { items: Detail[] }) {
  return (
    <dl class="ib-definitions">
      {items.map((item) => (
        <div key={item.label}>
          <dt>{item.label}</dt>
          <dd class={item.multiline ? 'ib-text' : undefined}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
