import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { IncidentReport, ReportEntry } from '../domain/report.js';
import type { ReportRenderer } from '../ports.js';

const SEVERITY: Record<string, string> = { minor: 'Klein', moderate: 'Middel', major: 'Groot', critical: 'Zeer groot' };
const STATUS: Record<string, string> = { open: 'Open', in_progress: 'In behandeling', done: 'Gereed' };
const CHANGE: Record<string, string> = { created: 'aangemaakt', assigned: 'toegewezen', started: 'in behandeling', completed: 'afgerond', reopened: 'heropend', due_changed: 'deadline gewijzigd' };

/**
 * DejaVu Sans (embedded, subset by pdfkit): the built-in Helvetica has no glyphs beyond Latin-1,
 * so names like "Şükrü Yılmaz" or "Łukasz Wójcik" would come out garbled. Read once per process.
 */
const FONTS = (() => {
  const require = createRequire(import.meta.url);
  const file = (name: string): Buffer => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`));
  return { regular: file('DejaVuSans'), bold: file('DejaVuSans-Bold'), oblique: file('DejaVuSans-Oblique') };
})();

function when(iso: string | null): string {
  if (!iso) return '-';
  return new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** The after-action report as a PDF (pdfkit): readable in any PDF reader, the exercise marking on every page. */
export class PdfkitReportRenderer implements ReportRenderer {
  async pdf(report: IncidentReport, logo: Buffer | null): Promise<Buffer> {
    // pdfkit embeds JPEG and PNG only; the logo may be WebP, so it is always re-encoded as PNG.
    const logoPng = logo ? await sharp(logo).resize({ width: 400, height: 200, fit: 'inside', withoutEnlargement: true }).png().toBuffer().catch(() => null) : null;
    const doc = new PDFDocument({ size: 'A4', margin: 50, bufferPages: true, info: { Title: `Incidentrapport: ${report.incident.title}`, Author: report.organisation, Subject: report.incident.exercise ? 'OEFENING' : 'Incident' } });
    doc.registerFont('Sans', FONTS.regular);
    doc.registerFont('Sans-Bold', FONTS.bold);
    doc.registerFont('Sans-Oblique', FONTS.oblique);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });

    if (logoPng) doc.image(logoPng, { fit: [160, 60] }).moveDown(0.5);
    doc.font('Sans').fontSize(10).fillColor('#555555').text(report.organisation);
    doc.moveDown(0.3).font('Sans-Bold').fontSize(20).fillColor('#000000').text(report.incident.title);
    if (report.incident.exercise) doc.font('Sans-Bold').fontSize(14).fillColor('#c00000').text('OEFENING — dit is een oefenincident').fillColor('#000000');
    doc.moveDown(0.5).font('Sans').fontSize(10);
    const facts: Array<[string, string]> = [
      ['Type', report.incident.type],
      ['Ernst', SEVERITY[report.incident.severity] ?? report.incident.severity],
      ['Status', report.incident.status],
      ['Geactiveerd', when(report.incident.activatedAt)],
      ['Gesloten', when(report.incident.closedAt)],
      ['Locatie', [report.incident.location?.name, report.incident.location?.address].filter(Boolean).join(', ') || '-'],
      ['Rapport gemaakt', when(report.generatedAt)],
    ];
    for (const [label, value] of facts) doc.font('Sans-Bold').text(`${label}: `, { continued: true }).font('Sans').text(value);
    if (report.incident.description) doc.moveDown(0.5).text(report.incident.description);

    this.heading(doc, 'Totaalbeeld');
    if (report.overview.length === 0) doc.text('Geen berichten als belangrijk gemarkeerd.');
    for (const entry of report.overview) this.entry(doc, entry, true);

    this.heading(doc, 'Acties');
    if (report.actions.length === 0) doc.text('Geen acties.');
    for (const action of report.actions) {
      doc.font('Sans-Bold').text(`${action.title} — ${STATUS[action.status] ?? action.status}`);
      doc.font('Sans').text(`Toegewezen aan: ${action.assignee ?? '-'}; deadline: ${when(action.dueAt)}; aangemaakt door ${action.createdBy} op ${when(action.createdAt)}`);
      if (action.completedBy) doc.text(`Afgerond door ${action.completedBy} op ${when(action.completedAt)}`);
      if (action.description) doc.text(action.description);
      for (const event of action.history) doc.fillColor('#555555').text(`  ${when(event.at)} ${event.byName}: ${CHANGE[event.change] ?? event.change}${event.detail ? ` (${event.detail})` : ''}`).fillColor('#000000');
      doc.moveDown(0.4);
    }

    this.heading(doc, 'Teams en deelnemers');
    for (const team of report.teams) doc.text(`Team ${team.name} (${team.role})${team.removedAt ? `, ontkoppeld ${when(team.removedAt)}` : ''}`);
    for (const p of report.participants) doc.text(`${p.name} — ${p.role}${p.team ? `, ${p.team}` : ''}; gekoppeld ${when(p.linkedAt)}${p.removedAt ? `, ontkoppeld ${when(p.removedAt)}` : ''}`);

    this.heading(doc, 'Tijdlijn');
    for (const entry of report.timeline) this.entry(doc, entry, false);

    this.heading(doc, 'Media');
    if (report.media.length === 0) doc.text('Geen media.');
    for (const m of report.media) doc.text(`#${m.entrySeq} ${m.name ?? m.id} (${m.mimeType}) — ${m.postedBy}, ${when(m.postedAt)}`);

    // The chain head lets a reader check a copy of the log later (GET /log/verification describes the hashing).
    this.heading(doc, 'Verifieerbaar logboek');
    doc.text(`Keten: ${report.chain.algorithm} over ${report.chain.canonicalization}; ${report.chain.links} schakels; ${report.chain.valid ? 'bij het maken van dit rapport intact' : 'NIET INTACT bij het maken van dit rapport'}.`);
    doc.font('Sans-Bold').text(report.chain.head ? `Laatste schakel #${report.chain.head.seq}: ${report.chain.head.hash}` : 'Het logboek is leeg.').font('Sans');

    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Inside the bottom margin, where pdfkit would otherwise start a new page.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const footer = `${report.incident.exercise ? 'OEFENING — ' : ''}${report.incident.title} — pagina ${i + 1} van ${range.count}`;
      doc.font('Sans').fontSize(8).fillColor(report.incident.exercise ? '#c00000' : '#555555').text(footer, 50, doc.page.height - 40, { width: doc.page.width - 100, align: 'center', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
    return done;
  }

  private heading(doc: PDFKit.PDFDocument, title: string): void {
    doc.moveDown(1).font('Sans-Bold').fontSize(14).fillColor('#000000').text(title, 50).moveDown(0.3).font('Sans').fontSize(10);
  }

  private entry(doc: PDFKit.PDFDocument, entry: ReportEntry, overview: boolean): void {
    const meta = [when(entry.at), entry.author, entry.team, entry.role, entry.classification, entry.labels.join(', ') || null].filter(Boolean).join(' · ');
    doc.font('Sans-Bold').text(`#${entry.seq}${entry.important && !overview ? ' [belangrijk]' : ''} ${meta}`);
    if (overview && entry.summary) doc.font('Sans-Oblique').text(entry.summary);
    doc.font('Sans').text(`${entry.correctsSeq ? `(correctie op #${entry.correctsSeq}) ` : ''}${entry.text}${entry.mediaCount ? ` [${entry.mediaCount} bijlage(n)]` : ''}`);
    doc.moveDown(0.3);
  }
}
