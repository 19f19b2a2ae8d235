import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json, Ticket } from '../support/drivers/driver.js';
import { Jimp } from 'jimp';
import type { ParleyWorld } from '../support/world.js';

When('{word} searches messages for {string}', async function (this: ParleyWorld, who: string, q: string) {
  const result = await (await this.api()).searchMessages(this.session(who), q);
  this.memory.set('hits', this.record(result));
});

When(
  '{word} searches {string} for {string}',
  async function (this: ParleyWorld, who: string, conversation: string, q: string) {
    const result = await (await this.api()).searchMessages(this.session(who), q, this.conversation(conversation));
    this.memory.set('hits', this.record(result));
  },
);

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

async function png(width: number, height: number): Promise<Uint8Array> {
  return new Uint8Array(await new Jimp({ width, height, color: 0x2288ccff }).getBuffer('image/png'));
}

async function uploadBytes(world: ParleyWorld, who: string, filename: string, type: string, bytes: Uint8Array) {
  const api = await world.api();
  const ticket = (await requestUpload(world, who, filename, type, bytes.length)).ok
    ? (world.memory.get(`ticket:${filename}`) as Ticket)
    : null;
  assert.ok(ticket, 'upload requested');
  world.expectOk(await api.upload(ticket, bytes), 'uploading bytes');
  world.expectOk(await api.confirmUpload(world.session(who), ticket.id), 'confirming');
}

Given('{word} has uploaded the image {string}', async function (this: ParleyWorld, who: string, filename: string) {
  await uploadBytes(this, who, filename, 'image/png', await png(40, 30));
});

When(
  '{word} uploads a {int}x{int} image {string}',
  async function (this: ParleyWorld, who: string, width: number, height: number, filename: string) {
    await uploadBytes(this, who, filename, 'image/png', await png(width, height));
  },
);

When('{word} uploads a program renamed to {string}', async function (this: ParleyWorld, who: string, filename: string) {
  await uploadBytes(
    this,
    who,
    filename,
    'image/png',
    new TextEncoder().encode('MZ\u0090\u0000 This program cannot be run in DOS mode.'),
  );
});

Then(
  '{word} sees {string} become {word}',
  async function (this: ParleyWorld, who: string, filename: string, status: string) {
    const api = await this.api();
    let media: Json = null;
    for (let i = 0; i < 100 && media?.status !== status; i += 1) {
      media = this.expectOk(
        await api.getMedia(this.session(who), this.memory.get(`ticket:${filename}`).id),
        'reading media',
      );
      if (media.status !== status) await new Promise((r) => setTimeout(r, 30));
    }
    assert.equal(media.status, status);
    this.memory.set('media', media);
  },
);

Then(
  'it is {int}x{int} with thumbnails no larger than {int} pixels',
  function (this: ParleyWorld, width: number, height: number, side: number) {
    const media = this.memory.get('media');
    assert.deepEqual([media.width, media.height], [width, height]);
    assert.ok(media.thumbnails.length > 0, 'has thumbnails');
    for (const t of media.thumbnails) assert.ok(t.width <= side && t.height <= side && typeof t.url === 'string');
  },
);

Given(
  '{word} has asked to upload {string} without sending the bytes',
  async function (this: ParleyWorld, who: string, filename: string) {
    assert.ok((await requestUpload(this, who, filename, 'image/png', 100)).ok);
  },
);

When(
  '{word} asks to upload {string} of type {string} and {int} bytes',
  async function (this: ParleyWorld, who: string, filename: string, type: string, size: number) {
    await requestUpload(this, who, filename, type, size);
  },
);

When('{word} confirms the upload of {string}', async function (this: ParleyWorld, who: string, filename: string) {
  this.record(await (await this.api()).confirmUpload(this.session(who), this.memory.get(`ticket:${filename}`).id));
});

When(
  '{word} sends {string} to {string} with the attachment {string}',
  async function (this: ParleyWorld, who: string, text: string, conversation: string, filename: string) {
    const result = await (
      await this.api()
    ).sendMessage(this.session(who), this.conversation(conversation), {
      content: text,
      attachmentIds: [this.memory.get(`ticket:${filename}`).id],
    });
    this.record(result);
    if (result.ok)
      this.messages.set(text, {
        id: result.value.id,
        conversationId: result.value.conversationId,
        seq: result.value.seq,
      });
  },
);

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
