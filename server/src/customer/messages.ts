/** The tracking page's words, in the two languages customers are served in. */
export const CUSTOMER_LANGS = ['zh', 'en'] as const;
export type CustomerLang = (typeof CUSTOMER_LANGS)[number];

const en = {
  title: 'Your service visit',
  order: 'Order {code}',
  'status.received': 'We have your request and are arranging a visit',
  'status.booked': 'Your visit is booked',
  'status.on_the_way': '{name} is on the way',
  'status.on_the_way_anon': 'Your engineer is on the way',
  'status.on_site': '{name} has arrived',
  'status.on_site_anon': 'Your engineer has arrived',
  'status.completed': 'Your visit is complete',
  'status.on_hold': 'Your visit is on hold; we will be in touch',
  'status.cancelled': 'This visit was cancelled',
  window: 'Promised time',
  planned: 'Planned arrival',
  eta: 'Arriving at about',
  etaMinutes: 'in {m} min',
  engineer: 'Your engineer',
  mapLabel: 'Where your engineer is, relative to your address',
  you: 'You',
  away: '{km} km away',
  live: 'Updates live',
  offline: 'Reconnecting…',
  surveyTitle: 'How did we do?',
  satisfaction: 'How satisfied are you with the visit? (1 = very unsatisfied, 5 = very satisfied)',
  recommend: 'How likely are you to recommend us to a friend? (0 = not at all, 10 = extremely likely)',
  comment: 'Anything else you would like to tell us? (optional)',
  send: 'Send',
  sending: 'Sending…',
  thanks: 'Thank you — we have your answers.',
  already: 'You have already answered this survey. Thank you!',
  pick: 'Please choose both scores.',
  failed: 'Your answers could not be sent. Please try again.',
  slow: 'Too many requests. Please wait a moment and try again.',
  expiredTitle: 'Link expired',
  expired: 'This tracking link has expired or is not valid. Please contact us if you need help with your order.',
} as const;

export type CustomerKey = keyof typeof en;

const zh: Record<CustomerKey, string> = {
  title: '您的上门服务',
  order: '工单 {code}',
  'status.received': '我们已收到您的请求，正在安排上门',
  'status.booked': '已为您预约上门',
  'status.on_the_way': '{name} 正在前往',
  'status.on_the_way_anon': '工程师正在前往',
  'status.on_site': '{name} 已到达',
  'status.on_site_anon': '工程师已到达',
  'status.completed': '服务已完成',
  'status.on_hold': '服务暂缓，我们会与您联系',
  'status.cancelled': '本次上门已取消',
  window: '约定时间',
  planned: '计划到达',
  eta: '预计到达',
  etaMinutes: '约 {m} 分钟',
  engineer: '服务工程师',
  mapLabel: '工程师相对您地址的位置',
  you: '您',
  away: '距您 {km} 公里',
  live: '实时更新',
  offline: '正在重新连接…',
  surveyTitle: '请为本次服务评分',
  satisfaction: '您对本次服务满意吗？（1 = 非常不满意，5 = 非常满意）',
  recommend: '您有多大可能向朋友推荐我们？（0 = 完全不会，10 = 非常可能）',
  comment: '还有什么想告诉我们的吗？（选填）',
  send: '提交',
  sending: '正在提交…',
  thanks: '感谢您的评价！',
  already: '您已提交过本次评价，谢谢！',
  pick: '请选择两项评分。',
  failed: '提交失败，请重试。',
  slow: '请求过于频繁，请稍后再试。',
  expiredTitle: '链接已失效',
  expired: '此跟踪链接已过期或无效。如需帮助，请联系我们。',
};

export const CUSTOMER_MESSAGES: Record<CustomerLang, Record<CustomerKey, string>> = { en, zh };

/**
 * The customer's language: ?lang= first, then the first of Accept-Language we speak; else `centre`, the control
 * centre's language (what its messages to a customer with none on file are written in).
 */
export function pickLang(query: string | null, acceptLanguage: string | undefined, centre: CustomerLang): CustomerLang {
  if (query === 'en' || query === 'zh') return query;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return centre;
}
