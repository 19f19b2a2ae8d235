"""An echo bot written with python-telegram-bot as its docs show, pointed at Parley by its API root only.

Usage: ptb_echo.py <token> <api root, e.g. http://127.0.0.1:3000>. Prints one JSON line per message it hears,
answers each with "echo: <text>" as a reply, and runs until SIGTERM. A photo it downloads (getFile), says how many
bytes it had as a document it uploads, and sends back by its file_id.
"""
import json
import sys

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    print(json.dumps({"text": message.text, "from": message.from_user.username, "chat": message.chat.type}), flush=True)
    await message.reply_text(f"echo: {message.text}")


async def photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    largest = message.photo[-1]
    data = await (await context.bot.get_file(largest.file_id)).download_as_bytearray()
    print(json.dumps({"caption": message.caption, "bytes": len(data), "first": data[:8].hex()}), flush=True)
    await message.reply_document(document=f"{len(data)} bytes".encode(), filename="size.txt")
    await message.reply_photo(photo=largest.file_id, caption=f"back: {message.caption}")


def main() -> None:
    token, root = sys.argv[1], sys.argv[2]
    application = Application.builder().token(token).base_url(f"{root}/bot").base_file_url(f"{root}/file/bot").build()
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    application.add_handler(MessageHandler(filters.PHOTO, photo))
    print(json.dumps({"ready": True}), flush=True)
    application.run_polling(timeout=1, poll_interval=0)


if __name__ == "__main__":
    main()
