import type { ContentKind } from '../api/use-content';

/** Simple outline glyphs, one per kind; the kind's name is said in words next to it. */
const PATHS: Record<ContentKind, string> = {
  folder: 'M3 6h6l2 2h10v11H3z',
  page: 'M6 3h9l4 4v14H6zM9 11h7M9 15h7',
  scenario: 'M12 3l9 17H3zM12 10v4M12 17v.5',
  task_card: 'M5 4h14v17H5zM8 9l2 2 4-4M8 15h8',
  contact_list: 'M6 4h12v16H6zM12 11a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM9 16c1-2 5-2 6 0',
  document: 'M7 3h7l4 4v14H7zM14 3v4h4',
  link: 'M10 14l4-4M8 12l-2 2a3 3 0 0 0 4 4l2-2M16 12l2-2a3 3 0 0 0-4-4l-2 2',
};

export function KindIcon({ kind, size = 18 }: { kind: ContentKind; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[kind]} />
    </svg>
  );
}
