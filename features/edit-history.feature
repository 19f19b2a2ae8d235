Feature: Edit history
  Every edit keeps the text it replaced. Anyone who sees a message lists its versions, oldest first, the
  current one last; the message is flagged as edited. Owners and admins may set an edit window, after
  which messages can no longer be edited. Deleting a message for everyone deletes its history too.

  Background:
    Given the users Ann, Bob and Cat
    And Ann created the group "Team" with Bob and Cat
    And Bob has sent "Meet at 5" to "Team"

  Scenario: Members see every version of an edited message
    When Bob edits "Meet at 5" to "Meet at 6"
    And Bob edits "Meet at 5" to "Meet at 7, sorry"
    Then the message now reads "Meet at 7, sorry" and is marked edited
    And the versions Cat sees of "Meet at 5" are "Meet at 5, Meet at 6, Meet at 7, sorry"

  Scenario: A message never edited has one version and is not flagged
    Then the versions Cat sees of "Meet at 5" are "Meet at 5"
    And Cat sees "Meet at 5" as not edited

  Scenario: An edit to the same text keeps no new version
    When Bob edits "Meet at 5" to "Meet at 5"
    Then the versions Cat sees of "Meet at 5" are "Meet at 5"

  Scenario: The edit window
    When Ann sets the edit window of "Team" to 60 seconds
    Then it succeeds
    When 30 seconds pass
    And Bob edits "Meet at 5" to "Meet at 6"
    Then it succeeds
    When 31 seconds pass
    And Bob edits "Meet at 5" to "Meet at 7"
    Then it fails as "a conflict" with code "edit_window_passed"
    When Ann sets the edit window of "Team" to nothing
    And Bob edits "Meet at 5" to "Meet at 7"
    Then it succeeds

  Scenario: Members who are not admins cannot set the edit window
    When Cat sets the edit window of "Team" to 60 seconds
    Then it fails as "forbidden"

  Scenario: Deleting a message for everyone deletes its history
    Given Bob edits "Meet at 5" to "Meet at 6"
    When Bob deletes "Meet at 5" for everyone
    Then the versions Cat sees of "Meet at 5" are ""

  Scenario: Outsiders see no versions
    Given Dan has signed up
    When Dan lists the versions of "Meet at 5"
    Then it fails as "not found"
