import MarkdownIt from 'markdown-it';

/**
 * The apps' rules for crisis content: CommonMark with tables and strikethrough, no raw HTML
 * (escaped, never rendered), links only http(s), mailto and tel (markdown-it's own link
 * validation refuses javascript:, vbscript:, file: and data: other than images), and bare
 * URLs and phone numbers stay text unless written as links.
 */
const renderer = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: true });

const SAFE_LINK = /^(https?:|mailto:|tel:|#|\/)/i;
const validate = renderer.validateLink.bind(renderer);
renderer.validateLink = (url) => validate(url) && SAFE_LINK.test(url.trim());

const defaultLinkOpen = renderer.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
renderer.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]!.attrSet('rel', 'noopener noreferrer');
  tokens[index]!.attrSet('target', '_blank');
  return defaultLinkOpen(tokens, index, options, env, self);
};

export function renderMarkdown(source: string): string {
  return renderer.render(source);
}
