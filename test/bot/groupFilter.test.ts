import { describe, expect, test } from 'vitest';
import type { Message, UserFromGetMe } from 'grammy/types';
import { addressedToBot, stripMention } from '../../src/bot/middlewares/groupFilter.js';

const me = { id: 666, is_bot: true, first_name: 'Bot', username: 'AnSinhBot' } as UserFromGetMe;
const msg = (text: string, extra: Partial<Message> = {}): Message =>
  ({ message_id: 1, date: 0, chat: { id: -1, type: 'supergroup', title: 'g' }, text, ...extra }) as Message;
const entity = (type: 'mention' | 'bot_command', offset: number, length: number) => ({ type, offset, length });

describe('addressedToBot', () => {
  test.each<[string, Message, boolean]>([
    ['plain chatter', msg('Hôm nay họp lúc mấy giờ?'), false],
    ['a mention entity', msg('@AnSinhBot tỷ lệ hộ nghèo?', { entities: [entity('mention', 0, 10)] }), true],
    ['a mention in other case', msg('hỏi @ansinhbot nhé', { entities: [entity('mention', 4, 10)] }), true],
    ['a mention without its entity', msg('@AnSinhBot tỷ lệ hộ nghèo?'), true],
    ['another bot mentioned', msg('@OtherBot hi', { entities: [entity('mention', 0, 9)] }), false],
    ['a bare command', msg('/nguon', { entities: [entity('bot_command', 0, 6)] }), true],
    ['a command for this bot', msg('/nguon@AnSinhBot', { entities: [entity('bot_command', 0, 16)] }), true],
    ['a command for another bot', msg('/nguon@OtherBot', { entities: [entity('bot_command', 0, 15)] }), false],
    [
      'a reply to the bot',
      msg('còn năm 2024?', { reply_to_message: { from: me } as unknown as Message['reply_to_message'] }),
      true,
    ],
    [
      'a reply to someone else',
      msg('đồng ý', { reply_to_message: { from: { id: 5 } } as unknown as Message['reply_to_message'] }),
      false,
    ],
  ])('%s', (_name, message, expected) => {
    expect(addressedToBot(message, me)).toBe(expected);
  });
});

test.each([
  ['@AnSinhBot Tỷ lệ hộ nghèo?', 'Tỷ lệ hộ nghèo?'],
  ['Tỷ lệ hộ nghèo @ansinhbot ?', 'Tỷ lệ hộ nghèo ?'],
  ['@AnSinhBot', ''],
  ['email@AnSinhBotX.com', 'email@AnSinhBotX.com'],
])('stripMention(%j)', (text, expected) => {
  expect(stripMention(text, 'AnSinhBot')).toBe(expected);
});
