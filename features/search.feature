Feature: Searching messages
  People search the text of messages in conversations they belong to, and nowhere else.

  Background:
    Given the users Ann, Bob and Cat
    And Ann has a direct conversation with Bob
    And Cat has a direct conversation with Bob
    And Ann has sent "The budget for 2027" to "Ann & Bob"
    And Bob has sent "budget is approved" to "Ann & Bob"
    And Cat has sent "secret budget talk" to "Cat & Bob"

  Scenario: Search finds matching messages in my conversations, newest first
    When Ann searches messages for "budget"
    Then the messages found are "budget is approved | The budget for 2027"

  Scenario: Search never reveals other people's conversations
    When Cat searches messages for "approved"
    Then no messages are found

  Scenario: Search within one conversation
    When Bob searches "Cat & Bob" for "budget"
    Then the messages found are "secret budget talk"

  Scenario: Every word must match
    When Ann searches messages for "budget 2027"
    Then the messages found are "The budget for 2027"

  Scenario: Deleted messages are not found
    Given Bob has deleted "budget is approved" for everyone
    When Ann searches messages for "approved"
    Then no messages are found

  Scenario: Searching a conversation I am not in
    When Ann searches "Cat & Bob" for "budget"
    Then it fails as "not found"

  Scenario: A one-letter search is refused
    When Ann searches messages for "b"
    Then it fails as "invalid"

  Scenario: Search can be switched off
    Given a platform admin Ada
    And Ada turned the "search" feature off
    When Ann searches messages for "budget"
    Then it fails as "feature disabled"
