Feature: Typing indicators and presence
  Typing lasts about six seconds unless renewed. People are online while they have a live connection,
  and offline with a last-seen time after their last connection closes.

  Background:
    Given the users Ann, Bob and Cat
    And Ann has a direct conversation with Bob

  Scenario: The other member sees someone typing, live
    Given Bob is connected
    When Ann starts typing in "Ann & Bob"
    Then Bob receives that Ann is typing
    And Bob sees Ann typing in "Ann & Bob"

  Scenario: Typing expires after six seconds, and the server says it stopped
    Given Bob is connected
    When Ann starts typing in "Ann & Bob"
    And 7 seconds pass
    Then Bob sees that nobody is typing in "Ann & Bob"
    And Bob receives that Ann stopped typing

  Scenario: Renewed typing keeps going, and is not announced as stopped
    Given Bob is connected
    When Ann starts typing in "Ann & Bob"
    And 4 seconds pass
    And Ann starts typing in "Ann & Bob"
    And 4 seconds pass
    Then Bob sees Ann typing in "Ann & Bob"
    And Bob has not received that Ann stopped typing

  Scenario: Stopping typing ends it at once
    When Ann starts typing in "Ann & Bob"
    And Ann stops typing in "Ann & Bob"
    Then Bob sees that nobody is typing in "Ann & Bob"

  Scenario: Sending a message ends the sender's typing
    Given Bob is connected
    When Ann starts typing in "Ann & Bob"
    And Ann sends "done typing" to "Ann & Bob"
    Then Bob sees that nobody is typing in "Ann & Bob"
    And Bob receives a "typing.stopped" event

  Scenario: Outsiders cannot type in a conversation
    When Cat starts typing in "Ann & Bob"
    Then it fails as "not found"

  Scenario: Online while connected, offline with last seen afterwards
    When Ann connects
    Then Bob sees Ann as online
    When Ann disconnects
    Then Bob sees Ann as offline
    And Bob sees when Ann was last seen

  Scenario: Peers hear about presence changes live
    Given Bob is connected
    When Ann connects
    Then Bob receives that Ann went online
    When Ann disconnects
    Then Bob receives that Ann went offline

  Scenario: Offline only after the last device goes
    When Ann connects
    And Ann connects a second device
    And Ann closes a connection
    Then Bob sees Ann as online

  Scenario: Away is shown while connected
    Given Ann is connected
    When Ann sets herself away
    Then Bob sees Ann as away
