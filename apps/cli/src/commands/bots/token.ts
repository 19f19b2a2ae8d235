import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class BotsToken extends ParleyCommand {
  static description = "Give one of your bots a new token (BotFather's /revoke): the old one stops working at once";
  static examples = ['<%= config.bin %> bots token 01JD7ZQ4ZX9F2K3M4N5P6Q7R8S'];
  static args = { bot: Args.string({ required: true, description: "the bot's id (bots list)" }) };

  async run() {
    const { args } = await this.parse(BotsToken);
    const renewed = await (await this.client()).request('POST', `/bots/${encodeURIComponent(args.bot)}/token`, {});
    this.log(renewed.token);
    return renewed;
  }
}
