Feature: Direct conversations
  Two people have at most one direct conversation; opening it again, from either side, returns it.

  Background:
    Given the users Ann and Bob

  Scenario: Opening a direct conversation makes both people members
    When Ann opens a direct conversation with Bob
    Then it succeeds
    And Ann sees "Ann & Bob" in her conversation list
    And Bob sees "Ann & Bob" in his conversation list

  Scenario: Opening it again from the other side returns the same conversation
    Given Ann has a direct conversation with Bob
    When Bob opens a direct conversation with Ann
    Then Ann and Bob are in the same direct conversation

  Scenario: Racing to open it still gives one conversation
    When Ann and Bob open a direct conversation with each other at the same time
    Then they all got the same conversation

  Scenario: Nobody opens a direct conversation with themselves
    When Ann opens a direct conversation with only herself
    Then it fails as "invalid"

  Scenario: A direct conversation needs an existing person
    When Ann opens a direct conversation with an unknown user
    Then it fails as "not found"

  Scenario: Outsiders cannot tell a direct conversation exists
    Given Cat has signed up
    And Ann has a direct conversation with Bob
    Then Cat cannot open "Ann & Bob"
