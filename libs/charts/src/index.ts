export {
  renderHistogramPanels,
  renderSvg,
  type HistogramPanel,
  type HistogramSeries,
} from './histogram-chart';
export { svgToPng, type SvgToPngOptions } from './svg-to-png';
