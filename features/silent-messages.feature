Feature: Silent messages
  A message sent silently arrives like any other, marked silent, but nobody is notified of it (no push,
  no e-mail), not even people it mentions.

  Background:
    Given the users Ann and Bob
    And Ann has a direct conversation with Bob

  Scenario: A silent message notifies nobody; the next one does
    When Ann sends "late night thought" to "Ann & Bob" silently
    Then it succeeds
    And the message is marked silent
    When Ann sends "good morning" to "Ann & Bob"
    Then Bob is notified of "good morning" only

  Scenario: A silent mention notifies nobody either
    When Ann sends "@bob fyi" to "Ann & Bob" silently mentioning Bob
    And Ann sends "and good morning" to "Ann & Bob"
    Then Bob is notified of "and good morning" only
