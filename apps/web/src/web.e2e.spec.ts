import { Jimp } from 'jimp';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenOf, WebApp } from './testkit/web-app.js';

/**
 * The web client in a real browser (Debian's chromium, driven by playwright-core) against a real API
 * process serving it at /app: two people chat, and one of them goes offline and comes back.
 */
const app = new WebApp();
const { inbox, suffix, shots } = app;
let base = '';
const person = (name: string, width?: number) => app.person(name, width);
const rest = (token: string, method: string, path: string, body?: unknown) => app.rest(token, method, path, body);

beforeAll(async () => {
  await app.start();
  ({ base } = app);
}, 60_000);

afterAll(() => app.stop());

describe('the web client in chromium', () => {
  it('two people chat: message, typing, read receipt, reaction, image; sends made offline arrive once', async () => {
    const ann = await person('ann');
    const bob = await person('bob');

    // Ann opens a direct chat with Bob and writes.
    await ann.getByLabel('People').fill(`bob_${suffix}`);
    await ann.getByRole('button', { name: 'Start chat' }).click();
    await ann.getByLabel('Message', { exact: true }).fill('Hello Bob');
    await ann.getByRole('button', { name: 'Send' }).click();

    // Bob sees the chat with an unread badge and the last message, opens it, and reads it.
    const chat = bob.getByRole('button', { name: new RegExp(`ann_${suffix}`) });
    await expect.poll(() => chat.textContent()).toContain('Hello Bob');
    await expect.poll(() => bob.getByLabel('1 unread').count()).toBe(1);
    await chat.click();
    await bob.locator('.message .text', { hasText: 'Hello Bob' }).waitFor();
    await ann.locator('.message.mine .receipt', { hasText: 'Read' }).waitFor();

    // Typing, then a reaction.
    await bob.getByLabel('Message', { exact: true }).pressSequentially('Hi');
    await ann.getByText(`bob_${suffix} is typing…`).waitFor();
    await bob.getByRole('button', { name: 'React with thumbs up' }).click();
    await ann.getByRole('button', { name: '👍 1' }).waitFor();

    // An image: uploaded, processed into a thumbnail, shown on both sides.
    const png = Buffer.from(await new Jimp({ width: 640, height: 400, color: 0x3366ccff }).getBuffer('image/png'));
    await ann.getByLabel('Attach an image').setInputFiles({ name: 'blue.png', mimeType: 'image/png', buffer: png });
    for (const page of [bob, ann]) {
      const image = page.getByRole('img', { name: 'attached image' });
      await image.waitFor({ timeout: 20_000 });
      // Loaded, not just placed: the thumbnail's bytes came back from its signed URL.
      await expect
        .poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
        .toBe(320);
    }
    if (shots) await ann.screenshot({ path: `${shots}chat.png` });

    // Ann goes offline (the socket drops too), writes twice, comes back: each message arrives once.
    await ann.context().setOffline(true);
    await ann.evaluate(() =>
      (globalThis as unknown as { parley: { client: { realtime: { drop(): void } } } }).parley.client.realtime.drop(),
    );
    for (const text of ['offline one', 'offline two']) {
      await ann.getByLabel('Message', { exact: true }).fill(text);
      await ann.getByRole('button', { name: 'Send' }).click();
    }
    await expect.poll(() => ann.locator('.message.pending').count()).toBe(2);
    await ann.context().setOffline(false);
    await expect.poll(() => ann.locator('.message.pending').count(), { timeout: 40_000 }).toBe(0);
    await expect
      .poll(() => bob.locator('.message .text', { hasText: /^offline (one|two)$/ }).allTextContents(), {
        timeout: 20_000,
      })
      .toEqual(['offline one', 'offline two']);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await bob.locator('.message .text', { hasText: /^offline (one|two)$/ }).allTextContents()).toEqual([
      'offline one',
      'offline two',
    ]);
    expect(await ann.locator('.message .text', { hasText: /^offline (one|two)$/ }).allTextContents()).toEqual([
      'offline one',
      'offline two',
    ]);
  }, 120_000);

  it('blocks and unblocks from a direct chat: what the blocked one sends is refused, then goes through', async () => {
    const fay = await person('fay');
    const gus = await person('gus');
    await fay.getByLabel('People').fill(`gus_${suffix}`);
    await fay.getByRole('button', { name: 'Start chat' }).click();
    await fay.getByLabel('Message', { exact: true }).fill('Hi Gus');
    await fay.getByRole('button', { name: 'Send' }).click();
    const chat = gus.getByRole('button', { name: new RegExp(`fay_${suffix}`) });
    await expect.poll(() => chat.textContent()).toContain('Hi Gus');
    await chat.click();

    // Gus blocks Fay: Gus is told why the chat is closed; Fay's next message is refused, kept, and says so.
    await gus.getByRole('button', { name: 'Block', exact: true }).click();
    await gus.getByText('neither of you can write here').waitFor();
    await fay.getByLabel('Message', { exact: true }).fill('still there?');
    await fay.getByRole('button', { name: 'Send' }).click();
    const refused = fay.locator('.message.pending', { hasText: 'still there?' });
    await refused.getByText(/Not sent/).waitFor();

    // Unblocked (also after a reload: the block list comes from the server), the retry goes through.
    await gus.getByRole('button', { name: 'Unblock', exact: true }).click();
    await refused.getByRole('button', { name: 'Retry' }).click();
    await gus.locator('.message .text', { hasText: 'still there?' }).waitFor();
    expect(await gus.getByText('neither of you can write here').count()).toBe(0);
  });

  it('tells a member why they cannot write: read-only, then banned', async () => {
    const hal = await person('hal');
    const ida = await person('ida');
    await hal.getByLabel('People').fill(`ida_${suffix}`);
    await hal.getByLabel('Group name').fill('Moderated');
    await hal.getByRole('button', { name: 'Start chat' }).click();
    await hal.getByRole('main', { name: 'Chat: Moderated' }).waitFor();
    const group = ida.getByRole('button', { name: /Moderated/ });
    await group.waitFor();
    await group.click();
    const composer = ida.getByLabel('Message', { exact: true });
    await composer.waitFor();
    const owner = await tokenOf(hal);
    const me = (await rest(await tokenOf(ida), 'GET', '/auth/me')).body as { id: string };
    const list = (await rest(owner, 'GET', '/conversations')).body as { data: { id: string; name: string }[] };
    const id = list.data.find((c) => c.name === 'Moderated')!.id;
    const restrict = (deny: string[]) =>
      rest(owner, 'PUT', `/conversations/${id}/participants/${me.id}/restrictions`, { deny });

    expect((await restrict(['send'])).status).toBe(200);
    await ida.getByText('An admin made you read-only here').waitFor();
    await expect.poll(() => composer.isVisible()).toBe(false);
    expect((await restrict([])).status).toBe(200);
    await expect.poll(() => composer.isVisible()).toBe(true);
    expect(await ida.getByText('An admin made you read-only here').count()).toBe(0);

    expect((await rest(owner, 'PUT', `/conversations/${id}/bans/${me.id}`, {})).status).toBe(200);
    await ida.getByText('An admin banned you from this conversation').waitFor();
    await expect.poll(() => composer.isVisible()).toBe(false);
  }, 60_000);

  it("says a message waits for a moderator's review, and when a moderator did not allow it", async () => {
    const mod = await tokenOf(await person('mod'));
    const jon = await person('jon');
    await jon.getByLabel('People').fill(`mod_${suffix}`);
    await jon.getByRole('button', { name: 'Start chat' }).click();
    await jon.getByLabel('Message', { exact: true }).waitFor();
    const filter = await rest(mod, 'POST', '/admin/filters', { pattern: 'lottery', action: 'hold' });
    expect(filter.status).toBe(201);
    await jon.getByLabel('Message', { exact: true }).fill('cheap lottery tickets');
    await jon.getByRole('button', { name: 'Send' }).click();
    await jon.getByText("Your message is waiting for a moderator's review.").waitFor();
    expect(await jon.locator('.message .text', { hasText: 'cheap lottery tickets' }).count()).toBe(0);
    const queue = (await rest(mod, 'GET', '/admin/held-messages')).body as { data: { id: string }[] };
    expect((await rest(mod, 'POST', `/admin/held-messages/${queue.data[0]!.id}/reject`, {})).status).toBe(200);
    await jon.getByText('A moderator did not allow your message.').waitFor();
    expect(await jon.getByText("waiting for a moderator's review").count()).toBe(0);
    const filterId = (filter.body as { id: string }).id;
    expect((await rest(mod, 'DELETE', `/admin/filters/${filterId}`)).status).toBe(204);
  }, 60_000);

  it('lists the devices signed in, and signs a lost phone out', async () => {
    const dee = await person('dee');
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        login: `dee_${suffix}`,
        password: 'correct horse battery',
        device: { name: "Dee's phone", platform: 'ios', clientVersion: '2.0' },
      }),
    }).then((r) => r.json() as Promise<{ accessToken: string }>);
    expect((await rest(login.accessToken, 'GET', '/auth/me')).status).toBe(200);
    await dee.getByRole('button', { name: 'Devices' }).click();
    const panel = dee.getByRole('dialog', { name: 'Devices' });
    await panel.getByText('Parley web · web').waitFor();
    await panel.getByText('(this device)').waitFor();
    await panel.getByRole('button', { name: "Sign out Dee's phone · ios" }).click();
    await expect.poll(() => panel.getByText("Dee's phone").count()).toBe(0);
    expect((await rest(login.accessToken, 'GET', '/auth/me')).status).toBe(401);
    // This device stays signed in.
    expect((await rest(await tokenOf(dee), 'GET', '/auth/me')).status).toBe(200);
  });

  it('resets a forgotten password through the link e-mailed to the account', async () => {
    const ivy = await person('ivy');
    await ivy.getByRole('button', { name: 'Sign out' }).click();
    await ivy.getByRole('button', { name: 'Forgot your password?' }).click();
    await ivy.getByLabel('Email').fill(`ivy-${suffix}@example.com`);
    await ivy.getByRole('button', { name: 'Send reset link' }).click();
    await ivy.getByRole('status').filter({ hasText: 'a link to reset its password is on its way' }).waitFor();
    let mail: string | undefined;
    await expect.poll(() => (mail = inbox.find((m) => m.to.includes(`ivy-${suffix}@example.com`))?.data)).toBeTruthy();
    const text = mail!.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = text.match(/http:\/\/127\.0\.0\.1:\d+\/app\/\?reset=[A-Za-z0-9_%-]+/)?.[0];
    expect(link, 'the e-mail links to the web client').toBeTruthy();
    await ivy.goto(link!);
    await ivy.getByLabel('New password', { exact: true }).fill('a brand new secret');
    await ivy.getByRole('button', { name: 'Set new password' }).click();
    await ivy.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
    await ivy.getByLabel('Username or email').fill(`ivy_${suffix}`);
    await ivy.getByLabel('Password', { exact: true }).fill('a brand new secret');
    await ivy.getByRole('button', { name: 'Sign in', exact: true }).click();
    await ivy.getByRole('navigation', { name: 'Conversations' }).waitFor();
  });

  it('turns on two-factor sign-in, then signs in with the password and a recovery code', async () => {
    const kim = await person('kim');
    await kim.getByRole('button', { name: 'Security' }).click();
    const panel = kim.getByRole('dialog', { name: 'Security' });
    await panel.getByLabel('Password').fill('correct horse battery');
    await panel.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    const secret = (await panel.getByLabel('Secret key').textContent())!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // The otpauth URI as a QR code for the app to scan (drawn: it has a size).
    const qr = panel.getByRole('img', { name: 'QR code for your authenticator app' });
    await expect
      .poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await panel.getByLabel('Code from the app').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) }));
    await panel.getByRole('button', { name: 'Turn on', exact: true }).click();
    await panel.getByText('On · 10 recovery codes left').waitFor();
    const codes = await panel.locator('[aria-label="Recovery codes"] code').allTextContents();
    expect(codes).toHaveLength(10);
    await kim.getByRole('button', { name: 'Sign out' }).click();
    await kim.getByLabel('Username or email').fill(`kim_${suffix}`);
    await kim.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await kim.getByRole('button', { name: 'Sign in', exact: true }).click();
    await kim.getByLabel('Code from your authenticator app (or a recovery code)').fill(codes[0]!);
    await kim.getByRole('button', { name: 'Verify' }).click();
    await kim.getByRole('navigation', { name: 'Conversations' }).waitFor();
    await kim.getByRole('button', { name: 'Security' }).click();
    const again = kim.getByRole('dialog', { name: 'Security' });
    await again.getByText('On · 9 recovery codes left').waitFor();
    // New recovery codes (the password and a code again): the old ones stop working.
    await again.getByLabel('Password').fill('correct horse battery');
    // The code that turned it on is spent; the app's next one (a step ahead is accepted) is not.
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await again.getByLabel('Code from the app').fill(next);
    await again.getByRole('button', { name: 'New recovery codes' }).click();
    await again.getByText('On · 10 recovery codes left').waitFor();
    const renewed = await again.locator('[aria-label="Recovery codes"] code').allTextContents();
    expect(renewed).toHaveLength(10);
    expect(renewed.some((c) => codes.includes(c))).toBe(false);
  });

  it('creates a group, and pages back through its history', async () => {
    const dan = await person('dan');
    const eve = await person('eve');
    await dan.getByLabel('People').fill(`eve_${suffix}`);
    await dan.getByLabel('Group name').fill('Book club');
    await dan.getByRole('button', { name: 'Start chat' }).click();
    await dan.getByRole('main', { name: 'Chat: Book club' }).waitFor();
    // 35 messages from Eve over REST (her session from the page), more than one page of history.
    const token = await tokenOf(eve);
    const group = eve.getByRole('button', { name: /Book club/ });
    await group.waitFor();
    const list = (await (
      await fetch(`${base}/api/v1/conversations`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { data: { id: string; name: string }[] };
    const id = list.data.find((c) => c.name === 'Book club')!.id;
    for (let i = 1; i <= 35; i += 1) {
      const sent = await fetch(`${base}/api/v1/conversations/${id}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: `chapter ${i}` }),
      });
      expect(sent.status).toBe(201);
    }
    await group.click();
    const texts = () => eve.locator('.message .text').allTextContents();
    await expect.poll(async () => (await texts()).length).toBe(30);
    expect((await texts())[0]).toBe('chapter 6');
    await eve.getByRole('button', { name: 'Load older messages' }).click();
    await expect.poll(texts).toEqual(Array.from({ length: 35 }, (_, i) => `chapter ${i + 1}`));
    expect(await eve.getByRole('button', { name: 'Load older messages' }).count()).toBe(0);
  }, 60_000);

  it('works at phone width: the list, then the chat', async () => {
    const cat = await person('cat', 390);
    await cat.getByLabel('People').fill(`ann_${suffix}`);
    await cat.getByRole('button', { name: 'Start chat' }).click();
    await cat.getByLabel('Message', { exact: true }).waitFor();
    expect(await cat.getByRole('navigation', { name: 'Conversations' }).isVisible()).toBe(false);
    if (shots) await cat.screenshot({ path: `${shots}phone-chat.png` });
    await cat.getByRole('button', { name: 'Back to conversations' }).click();
    await cat.getByRole('navigation', { name: 'Conversations' }).waitFor();
    if (shots) await cat.screenshot({ path: `${shots}phone-list.png` });
  }, 60_000);
});
