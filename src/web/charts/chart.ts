// The contract every chart follows, so one chart module draws in the browser (into the page's
// DOM) and on the server (into a linkedom document, serialised as a standalone SVG).

/** Width and height in CSS pixels of the SVG viewBox; charts scale to their container. */
export interface ChartSize {
  width: number;
  height: number;
}

/** The numbers behind a chart, as a table: shown for screen readers and for copying. */
export interface ChartTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface Chart<D> {
  /** Title drawn in the SVG and used for the download's file name. */
  title(data: D): string;
  /**
   * Draw into `svg` (an empty <svg> element of the given document). Must not touch the global
   * `document` or `window`: take the document from `svg.ownerDocument`.
   */
  render(svg: SVGSVGElement, data: D, size: ChartSize): void;
  table(data: D): ChartTable;
}
