Feature: Bots
  A person makes a bot (a username ending in "bot") and gets its token for the Bot API, shown once. The bot is a
  user that never signs in: a program drives it with the token, hears what is said to it and answers. In a group,
  privacy mode (on by default) lets it hear only commands, replies to it and mentions of it.

  Background:
    Given the users Ann, Bob and Cat

  Scenario: Making a bot answers its token, which the Bot API knows it by
    When Ann makes the bot "helper_bot" named "Helper"
    Then it succeeds
    And Ann's bots are "helper_bot"
    And the token of helper_bot answers getMe as the bot "helper_bot"
    And helper_bot cannot sign in with a password

  Scenario: A bot's username ends in "bot" and is nobody else's
    When Ann makes the bot "helper" named "Helper"
    Then it fails as "invalid"
    When Ann makes the bot "bob" named "Bob"
    Then it fails as "invalid"
    Given Ann made the bot "helper_bot"
    When Bob makes the bot "helper_bot" named "Mine"
    Then it fails as "a conflict" with code "username_taken"

  Scenario: A new token stops the old one at once
    Given Ann made the bot "helper_bot"
    When Ann renews the token of helper_bot
    Then it succeeds
    And the old token of helper_bot is refused by the Bot API
    And the token of helper_bot answers getMe as the bot "helper_bot"

  Scenario: Only its owner changes a bot
    Given Ann made the bot "helper_bot"
    When Bob renames helper_bot to "Stolen"
    Then it fails as "not found"
    When Bob renews the token of helper_bot
    Then it fails as "not found"
    When Ann renames helper_bot to "Helpful"
    Then it succeeds
    And Ann's bot helper_bot is named "Helpful"

  Scenario: A bot hears what a person says to it, and answers
    Given Ann made the bot "helper_bot"
    When Ann starts a chat with helper_bot
    And Ann sends "hello bot" to "helper_bot"
    Then helper_bot hears "hello bot" from ann in a private chat
    When helper_bot answers "hello Ann" in that chat
    Then Ann sees "hello Ann" from helper_bot in "helper_bot"

  Scenario: In a group, privacy mode lets a bot hear commands and mentions, not the chatter
    Given Ann made the bot "helper_bot"
    And Ann created the group "Team" with Bob and the bot helper_bot
    When Bob sends "lunch anyone?" to "Team"
    And Bob sends "/help@helper_bot" to "Team"
    And Bob sends "/start@other_bot" to "Team"
    And Bob sends "hey @helper_bot what's up" to "Team"
    Then helper_bot hears only "/help@helper_bot" and "hey @helper_bot what's up"
    And helper_bot heard it was added to "Team" by ann

  Scenario: A bot hears when it is removed from a group
    Given Ann made the bot "helper_bot"
    And Ann created the group "Team" with Bob and the bot helper_bot
    When Ann removes the bot helper_bot from "Team"
    Then helper_bot heard it went from "member" to "left" in "Team" by ann

  Scenario: With privacy mode off, a bot hears everything in its groups
    Given Ann made the bot "helper_bot"
    And Ann turned privacy mode off for helper_bot
    And Ann created the group "Team" with Bob and the bot helper_bot
    When Bob sends "lunch anyone?" to "Team"
    Then helper_bot hears only "lunch anyone?"

  Scenario: A bot acts only in chats it is in
    Given Ann made the bot "helper_bot"
    And Bob made the bot "other_bot"
    And Ann started a chat with helper_bot
    And Ann sends "psst" to "helper_bot"
    Then helper_bot hears "psst" from ann in a private chat
    And other_bot hears nothing
    And other_bot cannot write in helper_bot's chat with Ann

  Scenario: A person presses a button under a bot's message, and the bot's answer reaches them
    Given Ann made the bot "helper_bot"
    And Ann started a chat with helper_bot
    And Ann sends "/start" to "helper_bot"
    And helper_bot hears "/start" from ann in a private chat
    And Ann is connected
    When helper_bot answers "Lunch?" in that chat with the buttons "Yes" and "No"
    Then Ann sees "Lunch?" from helper_bot with the buttons "Yes" and "No"
    When Ann presses "Yes" under "Lunch?"
    Then it succeeds
    And helper_bot hears that ann pressed "yes"
    When helper_bot answers the press with "Noted!"
    Then Ann receives the bot's answer "Noted!"

  Scenario: Only a button the message has can be pressed
    Given Ann made the bot "helper_bot"
    And Ann started a chat with helper_bot
    And Ann sends "/start" to "helper_bot"
    And helper_bot hears "/start" from ann in a private chat
    And helper_bot answers "Lunch?" in that chat with the buttons "Yes" and "No"
    When Ann presses "Maybe" under "Lunch?"
    Then it fails as "not found"
    When Bob presses "Yes" under "Lunch?"
    Then it fails as "not found"
