/** The figure layer: every number the parser reads goes through here (see figure.ts). */
export { figuresIn, type Figure, type FigureKind, type FigureOptions } from './figure.ts';
export { labelOf, labelled, LABEL_STOPS, type LabelStops, type Labelled } from './label.ts';
export { COMPARED, EMITTED, moneyIn, printedOf, type MoneyFigure, type MoneyRules } from './text-money.ts';
export * from './money.ts';
export { afterGluedAmount, scoreSuffixAt } from './cuts.ts';
export { indicatorFigure, type IndicatorFigure } from './indicator.ts';
export { COMPARED_WITH, dateAtStart, REPORT_YEARS, withoutYears, yearOf, yearsIn, type PrintedDate, type PrintedYear, type YearOptions } from './years.ts';
