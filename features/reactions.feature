Feature: Emoji reactions
  A reaction is one emoji; each person adds a given emoji to a message at most once.

  Background:
    Given the users Ann and Bob
    And Ann has a direct conversation with Bob
    And Ann has sent "Party tonight" to "Ann & Bob"

  Scenario: Reactions are counted, and mine are marked
    Given Ann has reacted to "Party tonight" with "🎉"
    When Bob reacts to "Party tonight" with "🎉"
    Then Bob sees the reactions on "Party tonight" as "🎉 2 mine"

  Scenario: The same reaction twice counts once
    Given Bob has reacted to "Party tonight" with "👍"
    When Bob reacts to "Party tonight" with "👍"
    Then it succeeds
    And Ann sees the reactions on "Party tonight" as "👍 1"

  Scenario: Several different emojis
    Given Bob has reacted to "Party tonight" with "👍"
    And Bob has reacted to "Party tonight" with "❤️"
    Then Ann sees the reactions on "Party tonight" as "👍 1, ❤️ 1"

  Scenario: Taking a reaction back
    Given Bob has reacted to "Party tonight" with "👍"
    When Bob takes back his "👍" on "Party tonight"
    Then Ann sees the reactions on "Party tonight" as "none"

  Scenario Outline: Only a single emoji is a reaction
    When Bob reacts to "Party tonight" with "<text>"
    Then it fails as "invalid"

    Examples:
      | text  |
      | ok    |
      | 👍👍  |
      | a👍   |

  Scenario: Flags and skin tones are single emojis
    When Bob reacts to "Party tonight" with "👍🏽"
    Then it succeeds
    When Bob reacts to "Party tonight" with "🇫🇷"
    Then it succeeds

  Scenario: Deleted messages take no reactions
    Given Ann has deleted "Party tonight" for everyone
    When Bob reacts to "Party tonight" with "👍"
    Then it fails as "a conflict" with code "message_deleted"

  Scenario: Reactions can be switched off
    Given a platform admin Ada
    And Ada turned the "reactions" feature off
    When Bob reacts to "Party tonight" with "👍"
    Then it fails as "feature disabled"
