Feature: Threads and channel comments
  Replies to a message form its thread (a reply to a reply joins the same thread), with a reply count
  and the last reply; a thread pages by seq like history. Channels that turn comments on let their
  subscribers comment on posts: their comments are replies in the post's thread.

  Background:
    Given the users Ann, Bob and Cat
    And Ann created the group "Team" with Bob and Cat
    And Ann has sent "Plan for Friday" to "Team"

  Scenario: Replies, and replies to replies, form one thread
    When Bob replies "I'm in" to "Plan for Friday"
    And Cat replies "me too" to "I'm in"
    And Ann sends "unrelated" to "Team"
    Then the thread of "Plan for Friday" has 2 replies, the last "me too"
    And the thread of "Plan for Friday" reads "I'm in, me too" oldest first
    And the thread of "I'm in" is the thread of "Plan for Friday"

  Scenario: A thread pages like history
    Given Bob has replied "r1, r2, r3, r4, r5" to "Plan for Friday"
    Then the thread of "Plan for Friday", 2 at a time newest first, reads "r5, r4" then "r3, r2" then "r1"

  Scenario: A reply deleted for everyone leaves the thread
    Given Bob replies "oops" to "Plan for Friday"
    And Cat replies "ok" to "Plan for Friday"
    When Bob deletes "oops" for everyone
    Then the thread of "Plan for Friday" has 1 reply, the last "ok"

  Scenario: Channel subscribers comment on posts once comments are on
    Given Ann created the channel "News" with subscribers Bob
    And Ann has sent "We launched!" to "News"
    When Bob replies "Congrats!" to "We launched!"
    Then it fails as "forbidden" with code "comments_off"
    When Ann turns comments on in "News"
    And Bob replies "Congrats!" to "We launched!"
    Then it succeeds
    And the thread of "We launched!" has 1 reply, the last "Congrats!"
    When Bob sends "spam" to "News"
    Then it fails as "forbidden"
