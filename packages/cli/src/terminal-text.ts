/* eslint-disable no-control-regex */
/**
 * Text from a document (or anything it named) made safe to print on a terminal: escape sequences
 * (CSI such as `ESC[2J`, OSC such as a window-title change, and the rest) and every other control
 * character are removed, except newlines and tabs. A document cannot clear the screen, retitle the
 * window, hide text or plant a hyperlink through `extract`, `explain` or any other line we print.
 */
export function toTerminalText(s: string, { keepColours = false } = {}): string {
  return s
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g, '') // OSC … BEL / ST
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]?/g, (csi) => (keepColours && /^\x1b\[[0-9;]*m$/.test(csi) ? csi : '')) // CSI (a colour kept for our own logs)
    .replace(/\x1b[PX^_][^\x1b]*(?:\x1b\\)?/g, '') // DCS, SOS, PM, APC … ST
    .replace(keepColours ? /\x1b(?!\[[0-9;]*m)[\s\S]?/g : /\x1b[\s\S]?/g, '') // any other escape
    .replace(/[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f\u0080-\u009f]/g, '');
}
