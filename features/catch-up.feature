Feature: Catching up after being offline
  Every change in a conversation is an event with the conversation's own dense eventSeq. A client that
  remembers the last eventSeq it saw gets everything after it, in order, with no gaps or duplicates.
  A sync token lists which conversations changed at all.

  Background:
    Given the users Ann, Bob and Cat
    And Ann created the group "Team" with Bob
    And Bob has caught up with "Team"

  Scenario: A returning member gets every missed change in order
    Given Ann has sent "Lunch?" to "Team"
    And Ann has reacted to "Lunch?" with "🍕"
    And Ann edits "Lunch?" to "Lunch at noon?"
    And Ann added Cat to "Team"
    When Bob catches up with "Team" in pages of 2
    Then the missed events are, in order:
      | message.created     |
      | reaction.added      |
      | message.edited      |
      | participant.added   |
    And the missed events have consecutive event numbers with none repeated

  Scenario: Long absences page without gaps
    Given Ann has sent 25 messages to "Team"
    When Bob catches up with "Team" in pages of 7
    Then 25 events were missed
    And the missed events have consecutive event numbers with none repeated

  Scenario: Outsiders cannot read a conversation's events
    When Cat reads the events of "Team"
    Then it fails as "not found"

  Scenario: Sync lists only the conversations that changed
    Given Bob has a direct conversation with Cat
    And 1 minute passes
    And Bob has synced
    And 1 minute passes
    When Ann sends "ping" to "Team"
    And Bob syncs again
    Then the changed conversations are "Team"

  Scenario: Sync reports conversations the user was removed from
    Given Bob has synced
    And 1 minute passes
    When Ann removes Bob from "Team"
    And Bob syncs again
    Then "Team" is reported as left

  Scenario: A tampered sync token is refused
    When Bob syncs with the token "not-a-token"
    Then it fails as "invalid"

  Scenario: A well-formed sync token the server does not know lists every conversation again
    When Bob syncs with the token "s2.123"
    Then the changed conversations are "Team"
