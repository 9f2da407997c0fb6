declare module 'frappe-gantt' {
  export interface GanttTask {
    id: string;
    name: string;
    start: string | Date;
    end: string | Date;
    progress?: number;
    dependencies?: string;
    custom_class?: string;
  }
  export interface GanttOptions {
    view_mode?: 'Hour' | 'Quarter Day' | 'Half Day' | 'Day' | 'Week' | 'Month' | 'Year';
    readonly?: boolean;
    language?: string;
    bar_height?: number;
    padding?: number;
    popup?: false | ((ctx: unknown) => string | false);
    today_button?: boolean;
    view_mode_select?: boolean;
    scroll_to?: string | Date;
    infinite_padding?: boolean;
    lines?: 'none' | 'vertical' | 'horizontal' | 'both';
  }
  export default class Gantt {
    constructor(wrapper: HTMLElement | string, tasks: GanttTask[], options?: GanttOptions);
    refresh(tasks: GanttTask[]): void;
    change_view_mode(mode?: string): void;
  }
}
