Feature: Blocking a person
  Someone blocked can no longer reach the blocker: no direct conversation, no message in one they share, no
  adding the blocker to a group, no finding the blocker in search, no presence or last seen. The blocker does
  not write to them either until they unblock. A block applies at once, on every node.

  Background:
    Given the users Ann, Bob and Cat

  Scenario: A blocked person cannot open a direct conversation with the blocker
    When Bob blocks Ann
    And Ann opens a direct conversation with Bob
    Then it fails as "forbidden" with code "blocked"

  Scenario: In a direct conversation they already share, neither can write until the block is lifted
    Given Ann has a direct conversation with Bob
    When Bob blocks Ann
    And Ann sends "are you there?" to "Ann & Bob"
    Then it fails as "forbidden" with code "blocked"
    When Bob sends "one more thing" to "Ann & Bob"
    Then it fails as "forbidden" with code "blocked"
    When Bob unblocks Ann
    And Ann sends "are you there?" to "Ann & Bob"
    Then it succeeds

  Scenario: A blocked person cannot forward into the blocker's direct conversation
    Given Ann has a direct conversation with Bob
    And Ann created the group "Team" with Cat
    And Ann has sent "look at this" to "Team"
    When Bob blocks Ann
    And Ann forwards "look at this" to "Ann & Bob"
    Then it fails as "forbidden" with code "blocked"

  Scenario: A blocked person cannot add the blocker to a group, nor create one with them
    Given Ann created the group "Team" with Cat
    When Bob blocks Ann
    And Ann adds Bob to "Team"
    Then it fails as "forbidden" with code "blocked"
    When Ann creates the group "Club" with Bob
    Then it fails as "forbidden" with code "blocked"
    When Cat adds Bob to "Team"
    Then it succeeds

  Scenario: The blocker is not found by the person they blocked, and shows them no presence
    Given Bob connects
    And Bob disconnects
    When Bob blocks Ann
    And Ann searches people for "bo"
    Then no people are found
    When Cat searches people for "bo"
    Then the people found are Bob
    And Ann sees Bob as offline, never seen
    And Cat sees when Bob was last seen

  Scenario: Blocks are listed, the latest first, and unblocking is idempotent
    When Bob blocks Ann
    And Bob blocks Cat
    And Bob blocks Ann
    Then the people Bob blocked are Cat and Ann, the latest first
    When Bob unblocks Ann
    And Bob unblocks Ann
    Then the people Bob blocked are Cat, the latest first

  Scenario: Blocking yourself or nobody is refused
    When Bob blocks himself
    Then it fails as "a conflict" with code "cannot_block_yourself"
    When Bob blocks an unknown user
    Then it fails as "not found"

  Scenario: Nobody is notified of what someone they blocked wrote, mentions included
    Given Ann created the group "Team" with Bob and Cat
    When Bob blocks Ann
    And Ann sends "@Bob look at this" to "Team"
    And Cat sends "@Bob are you in?" to "Team"
    Then Bob is notified of "@Bob are you in?" only

  Scenario: In a shared group, neither sees the other typing, live or listed, nor their presence change
    Given Ann created the group "Team" with Bob and Cat
    And Ann is connected
    And Cat is connected
    When Bob blocks Ann
    And Bob starts typing in "Team"
    Then Cat receives that Bob is typing
    And Cat sees Bob typing in "Team"
    And Ann sees that nobody is typing in "Team"
    When Bob connects
    Then Cat receives that Bob went online
    And Ann has received nothing from Bob
