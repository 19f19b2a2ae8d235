Feature: Privacy settings
  Each person decides who may open a direct conversation with them, add them to groups and channels, see their
  online status, last seen and typing, and find them by search: everyone, the people they share a conversation
  with ("shared"), or nobody, with per-person exceptions either way (a "deny" wins over an "allow").

  Background:
    Given the users Ann, Bob, Cat and Dan

  Scenario: Nobody may open a new direct conversation, except the people allowed
    When Bob sets his privacy "directMessages" to "nobody"
    And Ann opens a direct conversation with Bob
    Then it fails as "forbidden" with code "privacy_restricted"
    When Bob allows Ann in his privacy "directMessages"
    And Ann opens a direct conversation with Bob
    Then it succeeds

  Scenario: "shared" lets in people who share a conversation, and a direct conversation that exists stays open
    Given Ann created the group "Team" with Bob
    And Cat has a direct conversation with Bob
    When Bob sets his privacy "directMessages" to "shared"
    And Ann opens a direct conversation with Bob
    Then it succeeds
    When Dan opens a direct conversation with Bob
    Then it fails as "forbidden" with code "privacy_restricted"
    When Bob sets his privacy "directMessages" to "nobody"
    And Cat sends "still here?" to "Cat & Bob"
    Then it succeeds

  Scenario: Nobody may add me to a group or channel, except the people allowed
    Given Ann created the group "Team"
    When Bob sets his privacy "groupAdds" to "nobody"
    And Ann adds Bob to "Team"
    Then it fails as "forbidden" with code "privacy_restricted"
    When Ann creates the group "Club" with Bob
    Then it fails as "forbidden" with code "privacy_restricted"
    When Bob allows Ann in his privacy "groupAdds"
    And Ann adds Bob to "Team"
    Then it succeeds

  Scenario: Last seen is hidden from people left out, and a deny wins over the audience
    Given Ann created the group "Team" with Bob and Cat
    And Bob connects
    And Bob disconnects
    When Bob sets his privacy "lastSeen" to "shared"
    And Bob denies Cat in his privacy "lastSeen"
    Then Ann sees when Bob was last seen
    And Cat sees Bob as offline, never seen
    And Dan sees Bob as offline, never seen

  Scenario: Typing follows the last seen setting, live and when asked
    Given Ann created the group "Team" with Bob and Cat
    And Ann connects
    And Cat connects
    When Bob sets his privacy "lastSeen" to "nobody"
    And Bob allows Ann in his privacy "lastSeen"
    And Bob starts typing in "Team"
    Then Ann receives that Bob is typing
    And Cat has received nothing from Bob
    And Cat sees that nobody is typing in "Team"

  Scenario: Search finds me only for the audience I chose
    Given Ann created the group "Team" with Bob
    When Bob sets his privacy "search" to "shared"
    And Cat searches people for "bo"
    Then no people are found
    When Ann searches people for "bo"
    Then the people found are Bob
    When Bob sets his privacy "search" to "nobody"
    And Ann searches people for "bo"
    Then no people are found

  Scenario: Settings read back as set, everyone by default, and an unknown audience is refused
    Then Bob's privacy "search" is "everyone" with no exceptions
    When Bob sets his privacy "search" to "shared"
    And Bob denies Cat in his privacy "search"
    Then Bob's privacy "search" is "shared" denying Cat
    When Bob sets his privacy "search" to "friends"
    Then it fails as "invalid"
