Feature: Read receipts and unread counts
  Each participant has a read watermark (a seq) that only moves forward. A message was read by everyone
  whose watermark reached its seq. Unread counts are messages from others after my watermark.

  Background:
    Given the users Ann, Bob and Cat
    And Ann created the group "Team" with Bob and Cat
    And Ann has sent "one" to "Team"
    And Ann has sent "two" to "Team"
    And Ann has sent "three" to "Team"

  Scenario: Unread counts are per person
    Then Bob has 3 unread messages in "Team"
    And Ann has 0 unread messages in "Team"

  Scenario: Reading a message clears it and everything before it
    When Bob reads "two"
    Then Bob has 1 unread message in "Team"
    And Bob has 1 unread message in "Team" in his conversation list

  Scenario: The read watermark never moves backwards
    Given Bob has read "three"
    When Bob reads "one"
    Then it succeeds
    And Bob's read position in "Team" is message 3

  Scenario: Receipts name who read a message
    Given Bob has read "three"
    And Cat has read "one"
    When Ann looks at the receipts of "two"
    Then Bob has read it

  Scenario: My own messages are never unread for me
    Given Bob has read "three"
    When Bob sends "four" to "Team"
    Then Bob has 0 unread messages in "Team"
    And Ann has 1 unread message in "Team"

  Scenario: Deleted messages do not count as unread
    Given Ann has deleted "three" for everyone
    Then Bob has 2 unread messages in "Team"

  Scenario: The sender learns live that a message was read
    Given Ann is connected
    When Bob reads "three"
    Then Ann receives a "receipt.updated" event
