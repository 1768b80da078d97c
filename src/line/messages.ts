// Builders for every message the bot sends. Labels are cut to LINE's limit where the action is
// placed — 20 characters in a quick reply, 40 on a Flex button — since dynamic text such as dates can
// run long; everything else is checked by ./limits before it leaves the process.
import type { messagingApi } from '@line/bot-sdk';
import { LINE_LIMITS, truncateLabel } from './limits';

export type Message = messagingApi.Message;
export type QuickReplyItem = messagingApi.QuickReplyItem;
export type Action = messagingApi.Action;
export type FlexComponent = messagingApi.FlexComponent;
export type FlexBubble = messagingApi.FlexBubble;

export function text(body: string, quickReplyItems?: QuickReplyItem[]): messagingApi.TextMessage {
  const message: messagingApi.TextMessage = { type: 'text', text: body };
  if (quickReplyItems && quickReplyItems.length > 0) message.quickReply = { items: quickReplyItems };
  return message;
}

/** A tap that sends `data` back as a postback and shows `displayText` (default: the label) in the chat. */
export function postbackAction(label: string, data: string, displayText = label): messagingApi.PostbackAction {
  return { type: 'postback', label, data, displayText };
}

/** A tap that simply sends `messageText` as if the user typed it. */
export function messageAction(label: string, messageText = label): messagingApi.MessageAction {
  return { type: 'message', label, text: messageText };
}

export function uriAction(label: string, uri: string): messagingApi.URIAction {
  return { type: 'uri', label, uri };
}

/** Quick reply only: opens the phone's camera; the photo taken is sent as an image message. */
export function cameraAction(label: string): messagingApi.CameraAction {
  return { type: 'camera', label };
}

/** Quick reply only: opens the phone's photo album; the photos picked are sent as image messages. */
export function cameraRollAction(label: string): messagingApi.CameraRollAction {
  return { type: 'cameraRoll', label };
}

export interface DatePickerOptions {
  initial?: string;
  min?: string;
  max?: string;
}

export function datePickerAction(label: string, data: string, options: DatePickerOptions = {}): messagingApi.DatetimePickerAction {
  return { type: 'datetimepicker', label, data, mode: 'date', ...options };
}

export function quickItem(action: Action): QuickReplyItem {
  return { type: 'action', action: withLabelWithin(action, LINE_LIMITS.quickReplyLabel) };
}

function withLabelWithin(action: Action, max: number): Action {
  return 'label' in action && action.label ? { ...action, label: truncateLabel(action.label, max) } : action;
}

/** LINE shows only the last message's quick reply, so choices always ride on the last message. */
export function withQuickReply(messages: Message[], items: QuickReplyItem[]): Message[] {
  if (items.length === 0 || messages.length === 0) return messages;
  const last = messages[messages.length - 1]!;
  return [...messages.slice(0, -1), { ...last, quickReply: { items: items.slice(0, LINE_LIMITS.quickReplyItems) } }];
}

export function location(place: { title: string; address: string; latitude: number; longitude: number }): messagingApi.LocationMessage {
  return { type: 'location', ...place };
}

export function flex(altText: string, contents: messagingApi.FlexContainer): messagingApi.FlexMessage {
  return { type: 'flex', altText: truncateLabel(altText, LINE_LIMITS.altText), contents };
}

export function confirm(textBody: string, yes: Action, no: Action, altText = textBody): messagingApi.TemplateMessage {
  return {
    type: 'template',
    altText: truncateLabel(altText, LINE_LIMITS.altText),
    template: { type: 'confirm', text: textBody, actions: [yes, no] },
  };
}

// ---- Flex components -------------------------------------------------------------------------

interface TextOptions {
  size?: messagingApi.FlexText['size'];
  weight?: 'regular' | 'bold';
  color?: string;
  align?: 'start' | 'end' | 'center';
  flex?: number;
  margin?: messagingApi.FlexText['margin'];
}

export function ftext(body: string, options: TextOptions = {}): messagingApi.FlexText {
  return { type: 'text', text: body, wrap: true, ...options };
}

export function fbox(
  layout: 'vertical' | 'horizontal' | 'baseline',
  contents: FlexComponent[],
  options: Partial<Pick<messagingApi.FlexBox, 'spacing' | 'margin' | 'backgroundColor' | 'paddingAll' | 'cornerRadius'>> = {},
): messagingApi.FlexBox {
  return { type: 'box', layout, contents, ...options };
}

export function fbutton(action: Action, style: 'primary' | 'secondary' | 'link' = 'secondary'): messagingApi.FlexButton {
  return { type: 'button', style, height: 'sm', action: withLabelWithin(action, LINE_LIMITS.flexButtonLabel) };
}

export function fseparator(): messagingApi.FlexSeparator {
  return { type: 'separator', margin: 'md' };
}

/** A labelled row: "label    value". */
export function frow(label: string, value: string): messagingApi.FlexBox {
  return fbox('baseline', [ftext(label, { size: 'sm', color: '#6B7280', flex: 2 }), ftext(value, { size: 'sm', flex: 5 })], {
    spacing: 'sm',
  });
}

export function bubble(parts: { header?: FlexComponent[]; body: FlexComponent[]; footer?: FlexComponent[]; accent?: string }): FlexBubble {
  const result: FlexBubble = {
    type: 'bubble',
    body: fbox('vertical', parts.body, { spacing: 'md' }),
  };
  if (parts.header) result.header = fbox('vertical', parts.header, { backgroundColor: parts.accent ?? '#0E7C66', paddingAll: '16px' });
  if (parts.footer) result.footer = fbox('vertical', parts.footer, { spacing: 'sm' });
  return result;
}
