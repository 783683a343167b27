export {
  renderHistogramPanels,
  renderSvg,
  type HistogramPanel,
  type HistogramSeries,
} from './histogram-chart';
