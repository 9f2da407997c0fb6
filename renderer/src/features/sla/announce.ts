/** What a desktop notification needs from the platform: the HTML Notification API, or a stand-in in tests. */
export interface DesktopNotifier {
  permission(): NotificationPermission | 'unsupported';
  request(): Promise<NotificationPermission>;
  show(title: string, body: string, tag: string, onClick: () => void): void;
}

/** The browser's (and Electron's, which turns it into a native one) Notification API. */
export function htmlNotifier(): DesktopNotifier {
  const api = typeof Notification === 'undefined' ? null : Notification;
  return {
    permission: () => api?.permission ?? 'unsupported',
    request: () => (api ? api.requestPermission() : Promise.resolve('denied')),
    show(title, body, tag, onClick) {
      if (!api) return;
      const n = new api(title, { body, tag, requireInteraction: true });
      n.onclick = () => {
        window.focus();
        onClick();
        n.close();
      };
    },
  };
}

/**
 * Announces escalations: as desktop notifications when allowed, otherwise in the console itself. Permission is asked
 * once per session (a dispatcher who said no is not asked again at every breach); the tag is the alert's id, so the
 * system shows one notification per breach even when two windows announce it.
 */
export class SlaAnnouncer {
  private asked = false;

  constructor(
    private readonly notifier: DesktopNotifier,
    private readonly toast: (id: string) => void,
  ) {}

  async announce(a: { id: string; title: string; body: string; onClick: () => void }): Promise<'desktop' | 'toast'> {
    let permission = this.notifier.permission();
    if (permission === 'default' && !this.asked) {
      this.asked = true;
      permission = await this.notifier.request().catch(() => 'denied' as const);
    }
    if (permission === 'granted') {
      try {
        this.notifier.show(a.title, a.body, a.id, a.onClick);
        return 'desktop';
      } catch {
        // A platform that refuses at show time (some browsers outside a secure context): fall back to the console.
      }
    }
    this.toast(a.id);
    return 'toast';
  }
}
