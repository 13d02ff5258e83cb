/**
 * Long work started in a pane (a tiled read) reports its progress here so the status bar can show
 * it; the app owns the state, panes only report.
 */
import { createContext, useContext } from 'react';

export interface Activity {
  label: string;
  done?: number;
  total?: number;
}

export type ReportActivity = (activity: Activity | null) => void;

export const ActivityContext = createContext<ReportActivity>(() => {});

export function useReportActivity(): ReportActivity {
  return useContext(ActivityContext);
}
