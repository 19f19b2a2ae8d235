Feature: Restricting members of a group or channel
  An owner or admin can take away what a member may post, for good or until a time: everything (read-only),
  media, links or polls. The member stays, reads as before, and learns of it live. Leaving and coming back
  does not shake a restriction off; an empty list lifts it.

  Background:
    Given the users Ann, Bob and Cat
    And Ann created the group "Team" with Bob and Cat
    And Ann has sent "welcome" to "Team"

  Scenario: A read-only member reads but cannot post or forward, until the restriction is lifted
    When Ann restricts Bob in "Team" from send
    Then it succeeds
    When Bob sends "hello" to "Team"
    Then it fails as "forbidden" with code "restricted"
    When Bob forwards "welcome" to "Team"
    Then it fails as "forbidden" with code "restricted"
    And Bob sees "welcome" in the history of "Team"
    When Ann lifts the restrictions on Bob in "Team"
    And Bob sends "hello" to "Team"
    Then it succeeds

  Scenario: A member without links still writes text, but no link
    When Ann restricts Bob in "Team" from links
    And Bob sends "see https://example.com/offer" to "Team"
    Then it fails as "forbidden" with code "restricted"
    When Bob sends "plain words" to "Team"
    Then it succeeds

  Scenario: A member without media cannot attach a file
    Given Bob has uploaded the image "cat.png"
    When Ann restricts Bob in "Team" from media
    And Bob sends "look" to "Team" with the attachment "cat.png"
    Then it fails as "forbidden" with code "restricted"

  Scenario: A member without polls cannot post one
    When Ann restricts Bob in "Team" from polls
    And Bob posts the poll "Lunch?" with options "Yes, No" to "Team"
    Then it fails as "forbidden" with code "restricted"
    When Bob sends "lunch at noon?" to "Team"
    Then it succeeds

  Scenario: A restriction for a time runs out by itself
    When Ann restricts Bob in "Team" from send for 1 hour
    And Bob sends "hi" to "Team"
    Then it fails as "forbidden" with code "restricted"
    When 2 hours pass
    And Bob sends "hi" to "Team"
    Then it succeeds

  Scenario: Leaving and coming back does not shake a restriction off
    Given Ann created the invite link "join-team" to "Team"
    When Ann restricts Bob in "Team" from send
    And Bob leaves "Team"
    And Bob joins through the invite link "join-team"
    And Bob sends "I am back" to "Team"
    Then it fails as "forbidden" with code "restricted"

  Scenario: Nobody restricts someone of their own rank or above, and members restrict nobody
    Given Ann made Cat an admin of "Team"
    When Cat restricts Ann in "Team" from send
    Then it fails as "forbidden" with code "not_allowed"
    When Bob restricts Cat in "Team" from send
    Then it fails as "forbidden" with code "not_allowed"

  Scenario: The member list shows what a member may not do, and until when
    When Ann restricts Bob in "Team" from media and links for 1 hour
    Then Bob sees in the member list of "Team" that he may not send media and links for 1 hour

  Scenario: The member learns of a restriction live
    Given Bob connects
    When Ann restricts Bob in "Team" from links
    Then Bob receives a "participant.restricted" event
