// Final gate before anything is sent to LINE: checks outgoing message objects against the documented
// Messaging API limits (reference/line-platform.md §3 and §4). The OpenAPI spec encodes only a few of
// these (no text, altText, label or Flex size limits), so this hand-written check complements it.
// Violations carry lengths, counts and type names only, never the text itself, so they are safe to log.
import type { messagingApi } from '@line/bot-sdk';

export const LINE_LIMITS = {
  messagesPerRequest: 5,
  textLength: 5000,
  textEmojis: 20,
  textV2Substitutions: 100,
  quickReplyItems: 13,
  quickReplyLabel: 20,
  senderName: 20,
  altText: 400,
  httpsUrl: 2000,
  templateActionLabel: 20,
  imageCarouselLabel: 12,
  buttonsTitle: 40,
  buttonsText: 160,
  buttonsTextWithTitleOrImage: 60,
  buttonsActions: 4,
  confirmText: 240,
  confirmActions: 2,
  carouselColumns: 10,
  carouselTitle: 40,
  carouselText: 120,
  carouselTextWithTitleOrImage: 60,
  carouselActions: 3,
  imageCarouselColumns: 10,
  imagemapActions: 50,
  // LINE says "30 KB" / "50 KB" without defining KB; 1 KB = 1000 bytes is the stricter reading.
  flexBubbleBytes: 30_000,
  flexCarouselBytes: 50_000,
  flexCarouselBubbles: 12,
  flexButtonLabel: 40,
  flexActionLabel: 40,
  postbackData: 300,
  postbackDisplayText: 300,
  postbackFillInText: 300,
  messageActionText: 300,
  uri: 1000,
  clipboardText: 1000,
  datetimepickerData: 300,
  locationTitle: 100,
  locationAddress: 100,
} as const;

export const URI_ACTION_SCHEMES = ['http', 'https', 'line', 'tel'] as const;
export const DATETIMEPICKER_DATE_RANGE = { min: '1900-01-01', max: '2100-12-31' } as const;

export type LimitViolation = {
  path: string;
  rule: string;
  limit: number | string;
  actual: number | string;
};

export class LineMessageLimitError extends Error {
  readonly violations: readonly LimitViolation[];

  constructor(violations: readonly LimitViolation[]) {
    super(`LINE message limits violated (${violations.length}):\n${violations.map((v) => `- ${describeViolation(v)}`).join('\n')}`);
    this.name = 'LineMessageLimitError';
    this.violations = violations;
  }
}

export function describeViolation(v: LimitViolation): string {
  return `${v.path}: ${v.rule} (limit ${v.limit}, actual ${v.actual})`;
}

/** LINE counts text length in UTF-16 code units: an emoji outside the BMP counts as 2. */
export function utf16Length(s: string): number {
  return s.length;
}

const ELLIPSIS = '…';

function isThaiCombiningMark(code: number): boolean {
  return code === 0x0e31 || (code >= 0x0e34 && code <= 0x0e3a) || (code >= 0x0e47 && code <= 0x0e4e);
}

/** เ แ โ ใ ไ are written before the consonant they belong to, so one left at the end is orphaned too. */
function isThaiLeadingVowel(code: number): boolean {
  return code >= 0x0e40 && code <= 0x0e44;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Shortens `s` to at most `max` UTF-16 units, ending in "…". The cut never splits a surrogate pair and
 * never leaves a Thai base consonant without its vowel/tone marks: the whole cluster is dropped instead.
 */
export function truncateLabel(s: string, max: number): string {
  if (utf16Length(s) <= max) return s;
  if (max < 1) return '';
  let cut = max - utf16Length(ELLIPSIS);
  // The unit at `cut` is the first one dropped; if it belongs to the cluster before it, drop that cluster too.
  while (cut > 0 && isThaiCombiningMark(s.charCodeAt(cut))) cut--;
  if (cut > 0 && isLowSurrogate(s.charCodeAt(cut))) cut--;
  while (cut > 0 && isThaiLeadingVowel(s.charCodeAt(cut - 1))) cut--;
  return s.slice(0, cut).trimEnd() + ELLIPSIS;
}

// ---------------------------------------------------------------------------------------------------
// Generic helpers. Messages are walked as plain JSON because this gate must also catch objects that
// slipped past the TypeScript types (casts, spreads, data from config).

type Json = Record<string, unknown>;
type Violations = LimitViolation[];

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function violation(path: string, rule: string, limit: number | string, actual: number | string): LimitViolation {
  return { path, rule, limit, actual };
}

function describeType(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** For enum-like fields (type, mode, layout) the value itself is safe and useful to report. */
function describeEnumValue(value: unknown): string {
  return typeof value === 'string' ? value : describeType(value);
}

type StringRule = { required: boolean; min?: number; max: number };

function checkString(value: unknown, path: string, rule: StringRule): Violations {
  if (value === undefined && !rule.required) return [];
  if (typeof value !== 'string') return [violation(path, 'required', 'string', describeType(value))];
  const length = utf16Length(value);
  const min = rule.min ?? 0;
  if (length < min) return [violation(path, 'minLength', min, length)];
  if (length > rule.max) return [violation(path, 'maxLength', rule.max, length)];
  return [];
}

function checkArrayLength(value: unknown, path: string, min: number, max: number): Violations {
  if (!Array.isArray(value)) return [violation(path, 'required', 'array', describeType(value))];
  if (value.length < min) return [violation(path, 'minItems', min, value.length)];
  if (value.length > max) return [violation(path, 'maxItems', max, value.length)];
  return [];
}

function checkType(value: unknown, path: string, allowed: readonly string[]): Violations {
  const type = asObject(value)?.['type'];
  if (typeof type === 'string' && allowed.includes(type)) return [];
  return [violation(`${path}.type`, 'type', allowed.join('|'), describeEnumValue(type))];
}

function uriScheme(uri: string): string {
  return /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase() ?? 'none';
}

function checkUri(value: unknown, path: string, schemes: readonly string[], max: number, required: boolean): Violations {
  const shape = checkString(value, path, { required, min: 1, max });
  if (shape.length > 0 || typeof value !== 'string') return shape;
  const scheme = uriScheme(value);
  return schemes.includes(scheme) ? [] : [violation(path, 'uriScheme', schemes.join('|'), scheme)];
}

function checkHttpsUrl(value: unknown, path: string, required = true): Violations {
  return checkUri(value, path, ['https'], LINE_LIMITS.httpsUrl, required);
}

function checkNumberRange(value: unknown, path: string, min: number, max: number): Violations {
  if (typeof value !== 'number' || !Number.isFinite(value)) return [violation(path, 'required', 'number', describeType(value))];
  // The value itself is not reported: coordinates can point at someone's home.
  return value < min || value > max ? [violation(path, 'range', `${min}..${max}`, 'out of range')] : [];
}

// ---------------------------------------------------------------------------------------------------
// Actions (§4). Where an action sits decides which types are allowed and how its label is limited.

type ActionPlace = 'quickReply' | 'template' | 'templateDefault' | 'imageCarousel' | 'flexButton' | 'flex';

const ACTION_TYPES = ['postback', 'message', 'uri', 'datetimepicker', 'camera', 'cameraRoll', 'location', 'richmenuswitch', 'clipboard'] as const;
const QUICK_REPLY_ONLY_ACTIONS: readonly string[] = ['camera', 'cameraRoll', 'location'];

function isActionAllowedIn(type: string, place: ActionPlace): boolean {
  if (type === 'richmenuswitch') return false; // rich menus only, never inside a message
  return place === 'quickReply' || !QUICK_REPLY_ONLY_ACTIONS.includes(type);
}

const LABEL_RULES: Record<ActionPlace, StringRule> = {
  quickReply: { required: true, min: 1, max: LINE_LIMITS.quickReplyLabel },
  template: { required: true, min: 1, max: LINE_LIMITS.templateActionLabel },
  templateDefault: { required: false, max: LINE_LIMITS.templateActionLabel },
  imageCarousel: { required: false, max: LINE_LIMITS.imageCarouselLabel },
  flexButton: { required: true, min: 1, max: LINE_LIMITS.flexButtonLabel },
  flex: { required: false, max: LINE_LIMITS.flexActionLabel },
};

function checkAction(value: unknown, path: string, place: ActionPlace): Violations {
  const action = asObject(value);
  if (!action) return [violation(path, 'required', 'action', describeType(value))];
  const typeProblems = checkType(action, path, ACTION_TYPES);
  if (typeProblems.length > 0) return typeProblems;
  const type = action['type'] as string;
  if (!isActionAllowedIn(type, place)) return [violation(`${path}.type`, 'placement', `not allowed in ${place}`, type)];
  return [...checkString(action['label'], `${path}.label`, LABEL_RULES[place]), ...checkActionFields(type, action, path)];
}

function checkActionFields(type: string, action: Json, path: string): Violations {
  switch (type) {
    case 'postback':
      return checkPostbackAction(action, path);
    case 'message':
      return checkString(action['text'], `${path}.text`, { required: true, min: 1, max: LINE_LIMITS.messageActionText });
    case 'uri':
      return [
        ...checkUri(action['uri'], `${path}.uri`, URI_ACTION_SCHEMES, LINE_LIMITS.uri, true),
        ...checkUri(asObject(action['altUri'])?.['desktop'], `${path}.altUri.desktop`, URI_ACTION_SCHEMES, LINE_LIMITS.uri, false),
      ];
    case 'datetimepicker':
      return checkDatetimepickerAction(action, path);
    case 'clipboard':
      return checkString(action['clipboardText'], `${path}.clipboardText`, { required: true, min: 1, max: LINE_LIMITS.clipboardText });
    default:
      return []; // camera, cameraRoll, location: only a label, checked by the caller
  }
}

function checkPostbackAction(action: Json, path: string): Violations {
  const bothTexts = action['text'] !== undefined && action['displayText'] !== undefined;
  return [
    ...checkString(action['data'], `${path}.data`, { required: true, min: 1, max: LINE_LIMITS.postbackData }),
    ...checkString(action['displayText'], `${path}.displayText`, { required: false, max: LINE_LIMITS.postbackDisplayText }),
    ...checkString(action['text'], `${path}.text`, { required: false, max: LINE_LIMITS.postbackDisplayText }),
    ...checkString(action['fillInText'], `${path}.fillInText`, { required: false, max: LINE_LIMITS.postbackFillInText }),
    ...(bothTexts ? [violation(`${path}.text`, 'conflict', 'not with displayText', 'both set')] : []),
  ];
}

// ---------------------------------------------------------------------------------------------------
// Datetimepicker values: RFC 3339 pieces without time zone, dates within 1900-01-01..2100-12-31.

type PickerMode = 'date' | 'time' | 'datetime';

const PICKER_MODES: readonly string[] = ['date', 'time', 'datetime'];
const PICKER_FORMATS: Record<PickerMode, string> = { date: 'YYYY-MM-DD', time: 'HH:mm', datetime: 'YYYY-MM-DDTHH:mm' };
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

function isCalendarDate(date: string): boolean {
  const match = DATE_PATTERN.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

/** Splits a picker value into its date and time parts, or undefined when it is not in the mode's format. */
function parsePickerValue(value: string, mode: PickerMode): { date?: string; time?: string } | undefined {
  if (mode === 'time') return TIME_PATTERN.test(value) ? { time: value } : undefined;
  if (mode === 'date') return isCalendarDate(value) ? { date: value } : undefined;
  const [date = '', time = '', ...rest] = value.split(/[Tt]/);
  return rest.length === 0 && isCalendarDate(date) && TIME_PATTERN.test(time) ? { date, time } : undefined;
}

/** A string that sorts like the value itself: same format, upper-case T. */
function comparablePickerValue(value: string): string {
  return value.toUpperCase();
}

function checkPickerValue(value: unknown, path: string, mode: PickerMode): Violations {
  if (value === undefined) return [];
  const parsed = typeof value === 'string' ? parsePickerValue(value, mode) : undefined;
  if (!parsed) return [violation(path, 'format', PICKER_FORMATS[mode], 'malformed')];
  const { min, max } = DATETIMEPICKER_DATE_RANGE;
  if (parsed.date !== undefined && (parsed.date < min || parsed.date > max)) {
    return [violation(path, 'range', `${min}..${max}`, 'out of range')];
  }
  return [];
}

function checkDatetimepickerAction(action: Json, path: string): Violations {
  const dataProblems = checkString(action['data'], `${path}.data`, { required: true, min: 1, max: LINE_LIMITS.datetimepickerData });
  const mode = action['mode'];
  if (typeof mode !== 'string' || !PICKER_MODES.includes(mode)) {
    return [...dataProblems, violation(`${path}.mode`, 'allowedValues', PICKER_MODES.join('|'), describeEnumValue(mode))];
  }
  const pickerMode = mode as PickerMode;
  const problemsFor = (key: 'initial' | 'min' | 'max'): Violations => checkPickerValue(action[key], `${path}.${key}`, pickerMode);
  const [initialProblems, minProblems, maxProblems] = [problemsFor('initial'), problemsFor('min'), problemsFor('max')];
  const { min, max } = action;
  const boundsComparable = typeof min === 'string' && typeof max === 'string' && minProblems.length === 0 && maxProblems.length === 0;
  const inverted = boundsComparable && comparablePickerValue(max) <= comparablePickerValue(min);
  return [
    ...dataProblems,
    ...initialProblems,
    ...minProblems,
    ...maxProblems,
    ...(inverted ? [violation(`${path}.max`, 'order', 'max > min', 'max <= min')] : []),
  ];
}

// ---------------------------------------------------------------------------------------------------
// Common message properties (§3): quick reply and sender.

const QUICK_REPLY_ITEM_TYPE = 'action';

function checkQuickReply(value: unknown, path: string): Violations {
  if (value === undefined) return [];
  const items = asObject(value)?.['items'];
  const countProblems = checkArrayLength(items, `${path}.items`, 1, LINE_LIMITS.quickReplyItems);
  if (!Array.isArray(items)) return countProblems;
  return [...countProblems, ...items.flatMap((item, i) => checkQuickReplyItem(item, `${path}.items[${i}]`))];
}

function checkQuickReplyItem(value: unknown, path: string): Violations {
  const item = asObject(value) ?? {};
  const type = item['type'];
  return [
    ...(type === undefined || type === QUICK_REPLY_ITEM_TYPE ? [] : [violation(`${path}.type`, 'type', QUICK_REPLY_ITEM_TYPE, describeEnumValue(type))]),
    ...checkHttpsUrl(item['imageUrl'], `${path}.imageUrl`, false),
    ...checkAction(item['action'], `${path}.action`, 'quickReply'),
  ];
}

function checkSender(value: unknown, path: string): Violations {
  if (value === undefined) return [];
  const sender = asObject(value) ?? {};
  return [
    ...checkString(sender['name'], `${path}.name`, { required: false, min: 1, max: LINE_LIMITS.senderName }),
    ...checkHttpsUrl(sender['iconUrl'], `${path}.iconUrl`, false),
  ];
}

function checkAltText(value: unknown, path: string): Violations {
  return checkString(value, path, { required: true, min: 1, max: LINE_LIMITS.altText });
}

// ---------------------------------------------------------------------------------------------------
// Message bodies by type.

function checkTextMessage(message: Json, path: string): Violations {
  const emojis = message['emojis'];
  return [
    ...checkString(message['text'], `${path}.text`, { required: true, min: 1, max: LINE_LIMITS.textLength }),
    ...(emojis === undefined ? [] : checkArrayLength(emojis, `${path}.emojis`, 0, LINE_LIMITS.textEmojis)),
  ];
}

function checkTextV2Message(message: Json, path: string): Violations {
  const substitution = asObject(message['substitution']);
  const entries = substitution ? Object.keys(substitution).length : 0;
  return [
    ...checkString(message['text'], `${path}.text`, { required: true, min: 1, max: LINE_LIMITS.textLength }),
    ...(entries > LINE_LIMITS.textV2Substitutions ? [violation(`${path}.substitution`, 'maxItems', LINE_LIMITS.textV2Substitutions, entries)] : []),
  ];
}

function checkStickerMessage(message: Json, path: string): Violations {
  return [
    ...checkString(message['packageId'], `${path}.packageId`, { required: true, min: 1, max: Infinity }),
    ...checkString(message['stickerId'], `${path}.stickerId`, { required: true, min: 1, max: Infinity }),
  ];
}

function checkMediaMessage(message: Json, path: string): Violations {
  return [
    ...checkHttpsUrl(message['originalContentUrl'], `${path}.originalContentUrl`),
    ...(message['type'] === 'audio' ? [] : checkHttpsUrl(message['previewImageUrl'], `${path}.previewImageUrl`)),
  ];
}

function checkLocationMessage(message: Json, path: string): Violations {
  return [
    ...checkString(message['title'], `${path}.title`, { required: true, min: 1, max: LINE_LIMITS.locationTitle }),
    ...checkString(message['address'], `${path}.address`, { required: true, min: 1, max: LINE_LIMITS.locationAddress }),
    ...checkNumberRange(message['latitude'], `${path}.latitude`, -90, 90),
    ...checkNumberRange(message['longitude'], `${path}.longitude`, -180, 180),
  ];
}

function checkImagemapMessage(message: Json, path: string): Violations {
  return [
    ...checkAltText(message['altText'], `${path}.altText`),
    ...checkHttpsUrl(message['baseUrl'], `${path}.baseUrl`),
    ...checkArrayLength(message['actions'], `${path}.actions`, 1, LINE_LIMITS.imagemapActions),
  ];
}

// ---------------------------------------------------------------------------------------------------
// Template messages.

const TEMPLATE_TYPES = ['buttons', 'confirm', 'carousel', 'image_carousel'] as const;

function checkActionList(value: unknown, path: string, min: number, max: number, place: ActionPlace): Violations {
  const countProblems = checkArrayLength(value, path, min, max);
  if (!Array.isArray(value)) return countProblems;
  return [...countProblems, ...value.flatMap((action, i) => checkAction(action, `${path}[${i}]`, place))];
}

function checkOptionalDefaultAction(value: unknown, path: string): Violations {
  return value === undefined ? [] : checkAction(value, path, 'templateDefault');
}

/** Text limit for buttons templates and carousel columns: shorter when a title or image is shown. */
function templateTextMax(owner: Json, plain: number, withTitleOrImage: number): number {
  return owner['title'] !== undefined || owner['thumbnailImageUrl'] !== undefined ? withTitleOrImage : plain;
}

function checkButtonsTemplate(template: Json, path: string): Violations {
  const textMax = templateTextMax(template, LINE_LIMITS.buttonsText, LINE_LIMITS.buttonsTextWithTitleOrImage);
  return [
    ...checkString(template['title'], `${path}.title`, { required: false, max: LINE_LIMITS.buttonsTitle }),
    ...checkString(template['text'], `${path}.text`, { required: true, min: 1, max: textMax }),
    ...checkHttpsUrl(template['thumbnailImageUrl'], `${path}.thumbnailImageUrl`, false),
    ...checkOptionalDefaultAction(template['defaultAction'], `${path}.defaultAction`),
    ...checkActionList(template['actions'], `${path}.actions`, 1, LINE_LIMITS.buttonsActions, 'template'),
  ];
}

function checkConfirmTemplate(template: Json, path: string): Violations {
  const actions = template['actions'];
  const { confirmActions } = LINE_LIMITS;
  const countProblems = Array.isArray(actions) && actions.length !== confirmActions
    ? [violation(`${path}.actions`, 'itemCount', confirmActions, actions.length)]
    : [];
  return [
    ...checkString(template['text'], `${path}.text`, { required: true, min: 1, max: LINE_LIMITS.confirmText }),
    ...countProblems,
    ...checkActionList(actions, `${path}.actions`, 0, Infinity, 'template'),
  ];
}

function checkCarouselColumn(value: unknown, path: string, expectedActions: number | undefined): Violations {
  const column = asObject(value) ?? {};
  const actions = column['actions'];
  const textMax = templateTextMax(column, LINE_LIMITS.carouselText, LINE_LIMITS.carouselTextWithTitleOrImage);
  const differs = expectedActions !== undefined && Array.isArray(actions) && actions.length !== expectedActions;
  return [
    ...checkString(column['title'], `${path}.title`, { required: false, max: LINE_LIMITS.carouselTitle }),
    ...checkString(column['text'], `${path}.text`, { required: true, min: 1, max: textMax }),
    ...checkHttpsUrl(column['thumbnailImageUrl'], `${path}.thumbnailImageUrl`, false),
    ...checkOptionalDefaultAction(column['defaultAction'], `${path}.defaultAction`),
    ...checkActionList(actions, `${path}.actions`, 1, LINE_LIMITS.carouselActions, 'template'),
    ...(differs && Array.isArray(actions) ? [violation(`${path}.actions`, 'sameActionCount', expectedActions, actions.length)] : []),
  ];
}

function checkCarouselTemplate(template: Json, path: string): Violations {
  const columns = template['columns'];
  const countProblems = checkArrayLength(columns, `${path}.columns`, 1, LINE_LIMITS.carouselColumns);
  if (!Array.isArray(columns)) return countProblems;
  const firstActions = asObject(columns[0])?.['actions'];
  const expectedActions = Array.isArray(firstActions) ? firstActions.length : undefined;
  return [...countProblems, ...columns.flatMap((column, i) => checkCarouselColumn(column, `${path}.columns[${i}]`, expectedActions))];
}

function checkImageCarouselTemplate(template: Json, path: string): Violations {
  const columns = template['columns'];
  const countProblems = checkArrayLength(columns, `${path}.columns`, 1, LINE_LIMITS.imageCarouselColumns);
  if (!Array.isArray(columns)) return countProblems;
  return [
    ...countProblems,
    ...columns.flatMap((value, i) => {
      const column = asObject(value) ?? {};
      return [
        ...checkHttpsUrl(column['imageUrl'], `${path}.columns[${i}].imageUrl`),
        ...checkAction(column['action'], `${path}.columns[${i}].action`, 'imageCarousel'),
      ];
    }),
  ];
}

function checkTemplateMessage(message: Json, path: string): Violations {
  const templatePath = `${path}.template`;
  const template = asObject(message['template']);
  const typeProblems = checkType(template, templatePath, TEMPLATE_TYPES);
  const body = (): Violations => {
    if (!template || typeProblems.length > 0) return [];
    switch (template['type']) {
      case 'buttons':
        return checkButtonsTemplate(template, templatePath);
      case 'confirm':
        return checkConfirmTemplate(template, templatePath);
      case 'carousel':
        return checkCarouselTemplate(template, templatePath);
      default:
        return checkImageCarouselTemplate(template, templatePath);
    }
  };
  return [...checkAltText(message['altText'], `${path}.altText`), ...typeProblems, ...body()];
}

// ---------------------------------------------------------------------------------------------------
// Flex messages. Size is measured as the UTF-8 byte length of the compact JSON (what goes on the wire
// for that part of the request), so Thai text costs 3 bytes per character.

const FLEX_BOX_CHILD_TYPES = ['box', 'button', 'image', 'video', 'icon', 'text', 'separator', 'filler'] as const;
const FLEX_HERO_TYPES = ['box', 'image', 'video'] as const;
const FLEX_BOX_LAYOUTS: readonly string[] = ['horizontal', 'vertical', 'baseline'];
const BUBBLE_BLOCKS = ['header', 'hero', 'body', 'footer'] as const;

export function flexJsonBytes(contents: unknown): number {
  return Buffer.byteLength(JSON.stringify(contents) ?? '', 'utf8');
}

function checkFlexComponent(value: unknown, path: string, allowed: readonly string[]): Violations {
  const typeProblems = checkType(value, path, allowed);
  const component = asObject(value);
  if (!component || typeProblems.length > 0) return typeProblems;
  const optionalAction = (): Violations =>
    component['action'] === undefined ? [] : checkAction(component['action'], `${path}.action`, 'flex');
  switch (component['type']) {
    case 'box':
      return checkFlexBox(component, path);
    case 'button':
      return checkAction(component['action'], `${path}.action`, 'flexButton');
    case 'text':
      return [...checkFlexText(component, path), ...optionalAction()];
    case 'image':
      return [...checkHttpsUrl(component['url'], `${path}.url`), ...optionalAction()];
    case 'icon':
      return checkHttpsUrl(component['url'], `${path}.url`);
    case 'video':
      return [
        ...checkHttpsUrl(component['url'], `${path}.url`),
        ...checkHttpsUrl(component['previewUrl'], `${path}.previewUrl`),
        ...checkFlexComponent(component['altContent'], `${path}.altContent`, FLEX_HERO_TYPES),
        ...optionalAction(),
      ];
    default:
      return []; // separator, filler: nothing to limit
  }
}

function checkFlexBox(box: Json, path: string): Violations {
  const layout = box['layout'];
  const layoutProblems = typeof layout === 'string' && FLEX_BOX_LAYOUTS.includes(layout)
    ? []
    : [violation(`${path}.layout`, 'allowedValues', FLEX_BOX_LAYOUTS.join('|'), describeEnumValue(layout))];
  const contents = box['contents'];
  const contentProblems = Array.isArray(contents)
    ? contents.flatMap((child, i) => checkFlexComponent(child, `${path}.contents[${i}]`, FLEX_BOX_CHILD_TYPES))
    : [violation(`${path}.contents`, 'required', 'array', describeType(contents))];
  const action = box['action'] === undefined ? [] : checkAction(box['action'], `${path}.action`, 'flex');
  return [...layoutProblems, ...contentProblems, ...action];
}

/** A Flex text needs visible content: a non-empty `text` or at least one span. */
function checkFlexText(text: Json, path: string): Violations {
  const spans = text['contents'];
  if (Array.isArray(spans) && spans.length > 0) return [];
  return checkString(text['text'], `${path}.text`, { required: true, min: 1, max: Infinity });
}

function checkFlexBubble(value: unknown, path: string): Violations {
  const bubble = asObject(value);
  if (!bubble) return [violation(path, 'required', 'bubble', describeType(value))];
  const bytes = flexJsonBytes(bubble);
  const presentBlocks = BUBBLE_BLOCKS.filter((block) => bubble[block] !== undefined);
  return [
    ...(bytes > LINE_LIMITS.flexBubbleBytes ? [violation(path, 'maxBytes', LINE_LIMITS.flexBubbleBytes, bytes)] : []),
    ...(presentBlocks.length === 0 ? [violation(path, 'required', BUBBLE_BLOCKS.join('|'), 'none')] : []),
    ...presentBlocks.flatMap((block) =>
      checkFlexComponent(bubble[block], `${path}.${block}`, block === 'hero' ? FLEX_HERO_TYPES : ['box'])),
    ...(bubble['action'] === undefined ? [] : checkAction(bubble['action'], `${path}.action`, 'flex')),
  ];
}

function checkFlexCarousel(carousel: Json, path: string): Violations {
  const bytes = flexJsonBytes(carousel);
  const bubbles = carousel['contents'];
  const countProblems = checkArrayLength(bubbles, `${path}.contents`, 1, LINE_LIMITS.flexCarouselBubbles);
  return [
    ...(bytes > LINE_LIMITS.flexCarouselBytes ? [violation(path, 'maxBytes', LINE_LIMITS.flexCarouselBytes, bytes)] : []),
    ...countProblems,
    ...(Array.isArray(bubbles)
      ? bubbles.flatMap((bubble, i) => {
        const typeProblems = checkType(bubble, `${path}.contents[${i}]`, ['bubble']);
        return typeProblems.length > 0 ? typeProblems : checkFlexBubble(bubble, `${path}.contents[${i}]`);
      })
      : []),
  ];
}

function checkFlexMessage(message: Json, path: string): Violations {
  const containerPath = `${path}.contents`;
  const container = asObject(message['contents']);
  const typeProblems = checkType(container, containerPath, ['bubble', 'carousel']);
  const body = !container || typeProblems.length > 0
    ? []
    : container['type'] === 'bubble'
      ? checkFlexBubble(container, containerPath)
      : checkFlexCarousel(container, containerPath);
  return [...checkAltText(message['altText'], `${path}.altText`), ...typeProblems, ...body];
}

// ---------------------------------------------------------------------------------------------------
// Entry points.

const MESSAGE_CHECKS: Record<string, (message: Json, path: string) => Violations> = {
  text: checkTextMessage,
  textV2: checkTextV2Message,
  sticker: checkStickerMessage,
  image: checkMediaMessage,
  video: checkMediaMessage,
  audio: checkMediaMessage,
  location: checkLocationMessage,
  imagemap: checkImagemapMessage,
  template: checkTemplateMessage,
  flex: checkFlexMessage,
  coupon: () => [],
};

function checkMessage(value: unknown, path: string): Violations {
  const typeProblems = checkType(value, path, Object.keys(MESSAGE_CHECKS));
  const message = asObject(value);
  if (!message || typeProblems.length > 0) return typeProblems;
  const checkBody = MESSAGE_CHECKS[message['type'] as string] ?? (() => []);
  return [
    ...checkBody(message, path),
    ...checkQuickReply(message['quickReply'], `${path}.quickReply`),
    ...checkSender(message['sender'], `${path}.sender`),
  ];
}

/** Every documented limit the given messages break; empty when they are safe to send in one request. */
export function checkMessages(messages: readonly messagingApi.Message[]): LimitViolation[] {
  const list: readonly unknown[] = messages;
  return [
    ...checkArrayLength(list, 'messages', 1, LINE_LIMITS.messagesPerRequest),
    ...(Array.isArray(list) ? list.flatMap((message, i) => checkMessage(message, `messages[${i}]`)) : []),
  ];
}

export function assertValidMessages(messages: readonly messagingApi.Message[]): void {
  const violations = checkMessages(messages);
  if (violations.length > 0) throw new LineMessageLimitError(violations);
}
