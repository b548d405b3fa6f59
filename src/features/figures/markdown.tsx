/**
 * The commentary's Markdown, a small safe subset rendered as Preact elements (so every character is
 * escaped): paragraphs, bulleted and numbered lists, *emphasis*, **strong** and [links](https://…).
 * No Markdown library is installed; raw HTML is shown as text and only http(s) and mailto links become links.
 */
import type { ComponentChildren, VNode } from 'preact';

type Block = { kind: 'paragraph'; lines: string[] } | { kind: 'bullets' | 'numbers'; items: string[] };

export function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const number = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const last = blocks.at(-1);
    if (!line.trim()) {
      blocks.push({ kind: 'paragraph', lines: [] });
    } else if (bullet || number) {
      const kind = bullet ? 'bullets' : 'numbers';
      const item = (bullet ?? number)![1]!;
      if (last && last.kind === kind) last.items.push(item);
      else blocks.push({ kind, items: [item] });
    } else if (last && last.kind === 'paragraph') {
      last.lines.push(line.trim());
    } else if (last && /^\s+/.test(line)) {
      // An indented line continues the list item above it.
      last.items[last.items.length - 1] += ` ${line.trim()}`;
    } else {
      blocks.push({ kind: 'paragraph', lines: [line.trim()] });
    }
  }
  return blocks.filter((block) => (block.kind === 'paragraph' ? block.lines.length > 0 : true));
}

const safeHref = (href: string) => /^(https?:\/\/|mailto:)[^\s]+$/i.test(href);

/** Inline marks: links first, then **strong**, then *emphasis* or _emphasis_. */
export function renderInline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  const pattern = /\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|\*([^*]+)\*|_([^_]+)_/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) out.push(text.slice(at, match.index));
    const [whole, label, href, strong, em1, em2] = match;
    if (label !== undefined && href !== undefined) {
      out.push(safeHref(href) ? <a class="utrecht-link" href={href} rel="noopener noreferrer">{renderInline(label)}</a> : whole);
    } else if (strong !== undefined) out.push(<strong>{renderInline(strong)}</strong>);
    else out.push(<em>{em1 ?? em2}</em>);
    at = match.index + whole.length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function Markdown({ source }: { source: string }): VNode {
  return (
    <div class="ib-commentary">
      {parseBlocks(source).map((block, index) => {
        if (block.kind === 'paragraph') return <p key={index} class="utrecht-paragraph">{renderInline(block.lines.join(' '))}</p>;
        const items = block.items.map((item, i) => <li key={i} class="utrecht-unordered-list__item">{renderInline(item)}</li>);
        return block.kind === 'bullets' ? <ul key={index} class="utrecht-unordered-list">{items}</ul> : <ol key={index} class="utrecht-ordered-list">{items}</ol>;
      })}
    </div>
  );
}
