import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class BotsCreate extends ParleyCommand {
  static description =
    "Make a bot (BotFather's /newbot): prints its Bot API token, once; point a Telegram bot library at this server";
  static examples = [
    '<%= config.bin %> bots create weather_bot --name "Weather"',
    '<%= config.bin %> bots create weather_bot --json',
  ];
  static args = {
    username: Args.string({ required: true, description: '5-32 letters, digits or underscores, ending in "bot"' }),
  };
  static flags = {
    name: Flags.string({ description: 'the name people see (default: the username)' }),
  };

  async run() {
    const { args, flags } = await this.parse(BotsCreate);
    const made = await (
      await this.client()
    ).request('POST', '/bots', {
      username: args.username,
      ...(flags.name ? { displayName: flags.name } : {}),
    });
    this.log(`Bot @${made.bot.username} made (${made.bot.id}). Its token, shown this once:`);
    this.log(made.token);
    return made;
  }
}
