// Drawing helpers shared by the charts, by concern: dom.ts (selection type, namespace, px,
// tooltips), palette.ts, text.ts (measure and wrap), frame.ts (title block, meta line, accessible
// wrapper), axes.ts, legend.ts and rows.ts. Everything is drawn with presentation attributes
// (fill, stroke, font-size, font-family), never page CSS, so a standalone SVG looks the same as
// the page; page CSS may still restyle the marks through their classes.

export * from './dom.ts';
export * from './palette.ts';
export * from './text.ts';
export * from './frame.ts';
export * from './axes.ts';
export * from './legend.ts';
export * from './rows.ts';
