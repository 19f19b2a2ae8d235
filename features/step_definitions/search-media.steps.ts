import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json, Ticket } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';

When('{word} searches messages for {string}', async function (this: ParleyWorld, who: string, q: string) {
  const result = await (await this.api()).searchMessages(this.session(who), q);
  this.memory.set('hits', this.record(result));
});

When('{word} searches {string} for {string}', async function (this: ParleyWorld, who: string, conversation: string, q: string) {
  const result = await (await this.api()).searchMessages(this.session(who), q, this.conversation(conversation));
  this.memory.set('hits', this.record(result));
});

Then('the messages found are {string}', function (this: ParleyWorld, list: string) {
  const hits = (this.memory.get('hits') as Json[]).map((m) => m.content);
  assert.deepEqual(hits, list === '' ? [] : list.split(' | '));
});

Then('no messages are found', function (this: ParleyWorld) {
  assert.deepEqual(this.memory.get('hits'), []);
});

async function requestUpload(world: ParleyWorld, who: string, filename: string, contentType: string, size: number) {
  const result = await (await world.api()).requestUpload(world.session(who), { filename, contentType, size });
  world.record(result);
  if (result.ok) world.memory.set(`ticket:${filename}`, result.value);
  return result;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 2, 0, 0, 0, 2, 8, 6, 0, 0, 0]);

Given('{word} has uploaded the image {string}', async function (this: ParleyWorld, who: string, filename: string) {
  const api = await this.api();
  const ticket = (await requestUpload(this, who, filename, 'image/png', PNG.length)).ok ? this.memory.get(`ticket:${filename}`) as Ticket : null;
  assert.ok(ticket, 'upload requested');
  this.expectOk(await api.upload(ticket, PNG), 'uploading bytes');
  this.expectOk(await api.confirmUpload(this.session(who), ticket.id), 'confirming');
});

Given('{word} has asked to upload {string} without sending the bytes', async function (this: ParleyWorld, who: string, filename: string) {
  assert.ok((await requestUpload(this, who, filename, 'image/png', 100)).ok);
});

When('{word} asks to upload {string} of type {string} and {int} bytes', async function (this: ParleyWorld, who: string, filename: string, type: string, size: number) {
  await requestUpload(this, who, filename, type, size);
});

When('{word} confirms the upload of {string}', async function (this: ParleyWorld, who: string, filename: string) {
  this.record(await (await this.api()).confirmUpload(this.session(who), this.memory.get(`ticket:${filename}`).id));
});

When('{word} sends {string} to {string} with the attachment {string}', async function (this: ParleyWorld, who: string, text: string, conversation: string, filename: string) {
  const result = await (await this.api()).sendMessage(this.session(who), this.conversation(conversation), { content: text, attachmentIds: [this.memory.get(`ticket:${filename}`).id] });
  this.record(result);
  if (result.ok) this.messages.set(text, { id: result.value.id, conversationId: result.value.conversationId, seq: result.value.seq });
});

Then('the message is an {word} message', function (this: ParleyWorld, type: string) {
  assert.ok(this.last.ok);
  assert.equal(this.last.value.type, type);
});

When('{word} opens the media {string}', async function (this: ParleyWorld, who: string, filename: string) {
  this.record(await (await this.api()).getMedia(this.session(who), this.memory.get(`ticket:${filename}`).id));
});

Then('a download link is given', function (this: ParleyWorld) {
  assert.ok(this.last.ok && typeof this.last.value.url === 'string' && this.last.value.url.length > 0);
});
