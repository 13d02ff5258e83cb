export { AcrossView, type AcrossViewProps } from './AcrossView';
