import { Resvg } from '@resvg/resvg-js';

export interface SvgToPngOptions {
  /** Output pixels per SVG unit; 2 gives a sharp picture on high-density screens and in reports. */
  scale?: number;
  /**
   * Family every generic name (`sans-serif`, which Vega writes) resolves to.
   * resvg-js 2.6 maps all generic families to this one font and ignores
   * `sansSerifFamily`; when the family is missing it takes the first system
   * font it finds, which on Debian is a serif face. DejaVu Sans ships with
   * Debian's fonts-dejavu-core.
   */
  fontFamily?: string;
  /** Font files to load in addition to the system fonts, for machines without DejaVu. */
  fontFiles?: readonly string[];
}

/**
 * Rasterises an SVG (e.g. from `renderSvg`) to PNG with resvg, a native
 * renderer that needs no browser or canvas. Text is drawn with system fonts,
 * so a machine with no fonts at all yields a picture without labels.
 */
export function svgToPng(svg: string, options: SvgToPngOptions = {}): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    background: 'white',
    font: {
      loadSystemFonts: true,
      fontFiles: [...(options.fontFiles ?? [])],
      defaultFontFamily: options.fontFamily ?? 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}
