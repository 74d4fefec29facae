import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import { parseMarkdown } from '../parse/markdown.js';
import { escapeHtml } from './html.js';

/**
 * A section's Markdown as HTML for the catalog page: block and inline structure only; raw HTML is
 * shown as text and only http(s) links become links, since the text comes from pull requests.
 */
export function markdownToHtml(markdown: string): string {
  return blocksToHtml(parseMarkdown(markdown).children);
}

/** Top-level blocks of a parsed Markdown text as HTML, as markdownToHtml renders them. */
export function blocksToHtml(nodes: readonly RootContent[]): string {
  return nodes.map(block).join('\n');
}

function block(node: RootContent): string {
  switch (node.type) {
    case 'paragraph':
      return `<p>${inline(node.children)}</p>`;
    case 'heading':
      return `<h4>${inline(node.children)}</h4>`;
    case 'code':
      return `<pre><code${node.lang ? ` class="language-${escapeHtml(node.lang)}"` : ''}>${escapeHtml(node.value)}</code></pre>`;
    case 'list': {
      const tag = node.ordered ? 'ol' : 'ul';
      const items = node.children.map((item) => `<li>${item.children.map((child) => (child.type === 'paragraph' ? inline(child.children) : block(child))).join('\n')}</li>`);
      return `<${tag}>${items.join('')}</${tag}>`;
    }
    case 'blockquote':
      return `<blockquote>${node.children.map(block).join('\n')}</blockquote>`;
    case 'thematicBreak':
      return '<hr>';
    case 'html':
      return `<p>${escapeHtml(node.value)}</p>`;
    default:
      return 'children' in node ? (node.children as RootContent[]).map(block).join('\n') : 'value' in node ? `<p>${escapeHtml(String(node.value))}</p>` : '';
  }
}

function inline(nodes: readonly PhrasingContent[]): string {
  return nodes.map(phrase).join('');
}

function phrase(node: PhrasingContent): string {
  switch (node.type) {
    case 'text':
      return escapeHtml(node.value);
    case 'inlineCode':
      return `<code>${escapeHtml(node.value)}</code>`;
    case 'emphasis':
      return `<em>${inline(node.children)}</em>`;
    case 'strong':
      return `<strong>${inline(node.children)}</strong>`;
    case 'break':
      return '<br>';
    case 'link':
      return /^https?:\/\//i.test(node.url) ? `<a href="${escapeHtml(node.url)}" rel="nofollow noopener">${inline(node.children)}</a>` : inline(node.children);
    case 'html':
      return escapeHtml(node.value);
    default:
      return 'children' in node ? inline((node as Nodes & { children: PhrasingContent[] }).children) : 'value' in node ? escapeHtml(String(node.value)) : '';
  }
}
