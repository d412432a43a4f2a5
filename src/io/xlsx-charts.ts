import type JSZip from 'jszip';

/**
 * Native bar charts added to a written workbook. exceljs writes no charts,
 * so the chart, its drawing and their relationships are added to the zip as
 * SpreadsheetML parts (ECMA-376), with cached values so that a viewer shows
 * them without recalculating. Excel and LibreOffice both read these parts.
 */
export interface PlacedChart {
  title: string;
  categories: { ref: string; values: string[] };
  series: { nameRef: string; name: string; ref: string; values: (number | null)[] }[];
  /** Zero-based cells of the top-left and bottom-right corners. */
  from: { col: number; row: number };
  to: { col: number; row: number };
}

const COLORS = ['C0504D', '4F81BD', '9BBB59', '8064A2'];
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';

/** Adds the charts of each sheet (by 1-based sheet number) to the zip. */
export async function addCharts(zip: JSZip, sheets: { number: number; charts: PlacedChart[] }[]): Promise<void> {
  let chartNumber = 0;
  const overrides: string[] = [];
  for (const [drawingIndex, sheet] of sheets.entries()) {
    const drawing = drawingIndex + 1;
    const anchors: string[] = [];
    const drawingRels: string[] = [];
    for (const [i, chart] of sheet.charts.entries()) {
      chartNumber += 1;
      zip.file(`xl/charts/chart${chartNumber}.xml`, chartXml(chart));
      overrides.push(
        `<Override PartName="/xl/charts/chart${chartNumber}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
      );
      drawingRels.push(`<Relationship Id="rId${i + 1}" Type="${REL_CHART}" Target="../charts/chart${chartNumber}.xml"/>`);
      anchors.push(anchorXml(chart, i + 1));
    }
    zip.file(
      `xl/drawings/drawing${drawing}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${anchors.join('')}</xdr:wsDr>`,
    );
    zip.file(`xl/drawings/_rels/drawing${drawing}.xml.rels`, relationships(drawingRels));
    overrides.push(`<Override PartName="/xl/drawings/drawing${drawing}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`);
    await linkDrawing(zip, sheet.number, drawing);
  }
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file('[Content_Types].xml', types.replace('</Types>', `${overrides.join('')}</Types>`));
}

/** Points the sheet at its drawing: a relationship, and a <drawing> element where the schema wants it (after the page set-up). */
async function linkDrawing(zip: JSZip, sheet: number, drawing: number): Promise<void> {
  const relsPath = `xl/worksheets/_rels/sheet${sheet}.xml.rels`;
  const existing = await zip.file(relsPath)?.async('string');
  const id = 'rIdPovrollDrawing';
  const rel = `<Relationship Id="${id}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawing}.xml"/>`;
  zip.file(relsPath, existing === undefined ? relationships([rel]) : existing.replace('</Relationships>', `${rel}</Relationships>`));
  const sheetPath = `xl/worksheets/sheet${sheet}.xml`;
  let xml = await zip.file(sheetPath)!.async('string');
  if (!xml.includes('xmlns:r=')) xml = xml.replace('<worksheet ', '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ');
  // Elements the schema puts after <drawing>; none of them is expected, but the drawing must precede any.
  const after = /<(legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/.exec(xml);
  const at = after === null ? xml.lastIndexOf('</worksheet>') : after.index;
  zip.file(sheetPath, `${xml.slice(0, at)}<drawing r:id="${id}"/>${xml.slice(at)}`);
}

function relationships(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

function anchorXml(chart: PlacedChart, relId: number): string {
  const corner = (tag: string, at: { col: number; row: number }) =>
    `<xdr:${tag}><xdr:col>${at.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${at.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor>${corner('from', chart.from)}${corner('to', chart.to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${relId + 1}" name="${escapeXml(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId${relId}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** A clustered horizontal bar chart, units top to bottom as in the table. */
function chartXml(chart: PlacedChart): string {
  const text = (value: string, bold: boolean, size: number) =>
    `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="vi-VN" sz="${size}" b="${bold ? 1 : 0}"><a:latin typeface="Times New Roman"/></a:rPr><a:t>${escapeXml(value)}</a:t></a:r></a:p></c:rich>`;
  const categories = `<c:cat><c:strRef><c:f>${escapeXml(chart.categories.ref)}</c:f><c:strCache><c:ptCount val="${chart.categories.values.length}"/>${chart.categories.values
    .map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`)
    .join('')}</c:strCache></c:strRef></c:cat>`;
  const series = chart.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${escapeXml(s.nameRef)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXml(s.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${COLORS[i % COLORS.length]}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
        `<c:dLbls><c:numFmt formatCode="0.00" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="700"/></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>` +
        categories +
        `<c:val><c:numRef><c:f>${escapeXml(s.ref)}</c:f><c:numCache><c:formatCode>0.00</c:formatCode><c:ptCount val="${s.values.length}"/>${s.values
          .map((v, k) => (v === null ? '' : `<c:pt idx="${k}"><c:v>${v}</c:v></c:pt>`))
          .join('')}</c:numCache></c:numRef></c:val></c:ser>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<c:roundedCorners val="0"/><c:chart><c:title><c:tx>${text(chart.title, true, 1200)}</c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="60"/><c:axId val="101"/><c:axId val="102"/></c:barChart>` +
    `<c:catAx><c:axId val="101"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800"/></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr><c:crossAx val="102"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="102"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="t"/><c:majorGridlines/><c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="101"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
