Feature: Word and link filters
  Moderators filter words and links in what is posted, platform-wide. A blocking filter refuses the message;
  a holding filter keeps it out of everyone's sight until a moderator approves (it is sent then) or rejects it.
  A dry run shows what a new filter would have caught in the latest messages before anyone adds it.

  Background:
    Given the users Ann, Bob and Cat
    And a moderator Mo
    And Ann created the group "Team" with Bob and Cat

  Scenario: A blocking word filter refuses the whole word in any case, and nothing else
    Given Mo has added a word filter "casino" that blocks
    When Bob sends "Best CASINO deals" to "Team"
    Then it fails as "forbidden" with code "content_blocked"
    And Cat does not see "Best CASINO deals" in the history of "Team"
    When Bob sends "casinos are another word" to "Team"
    Then it succeeds

  Scenario: A link filter catches the site and its subdomains, with or without a scheme
    Given Mo has added a link filter "https://spam.example/" that blocks
    When Bob sends "see https://www.spam.example/deal" to "Team"
    Then it fails as "forbidden" with code "content_blocked"
    When Bob sends "or type spam.example yourself" to "Team"
    Then it fails as "forbidden" with code "content_blocked"
    When Bob sends "notspam.example is someone else" to "Team"
    Then it succeeds
    And Mo sees the filters "link spam.example block"

  Scenario: A held message waits out of sight, is found again by a retry, and is sent once when approved
    Given Mo has added a word filter "crypto" that holds
    And Cat is connected
    And Bob is connected
    When Bob sends "Free crypto here" to "Team" with client id "h1"
    Then the message is held for review
    And Cat does not see "Free crypto here" in the history of "Team"
    When Bob retries "Free crypto here" to "Team" with client id "h1"
    Then the message is held for review
    And Mo sees 1 message waiting for review
    When Mo approves the held message
    Then it succeeds
    And Cat receives "Free crypto here" live
    And Bob receives a "message.reviewed" event
    And Bob is told his held message was approved
    And Mo sees 0 messages waiting for review
    When Mo approves the held message
    Then it succeeds
    When Bob retries "Free crypto here" to "Team" with client id "h1"
    Then the retry returns the message it became, creating nothing
    And Cat sees "Free crypto here" once in the history of "Team"
    And the audit log shows the held message "message.approved"

  Scenario: A rejected held message is never posted, and its sender is told
    Given Mo has added a word filter "crypto" that holds
    And Bob is connected
    When Bob sends "More crypto" to "Team"
    Then the message is held for review
    When Mo rejects the held message because "spam"
    Then it succeeds
    And Bob receives a "message.reviewed" event
    And Bob is told his held message was rejected
    And Cat does not see "More crypto" in the history of "Team"
    When Mo approves the held message
    Then it fails as "a conflict" with code "already_reviewed"
    When Cat asks what became of the held message
    Then it fails as "not found"

  Scenario: A held message is not sent if its sender may no longer post there
    Given Mo has added a word filter "crypto" that holds
    When Bob sends "crypto again" to "Team"
    Then the message is held for review
    When Ann removes Bob from "Team"
    And Mo approves the held message
    Then it fails as "a conflict" with code "sender_cannot_post"

  Scenario: An edit or a scheduled message cannot wait for review; a blocked link is not forwarded either
    Given Bob has sent "clean text" to "Team"
    And Bob has sent "visit spam.example" to "Team"
    And Bob has a direct conversation with Cat
    And Mo has added a word filter "crypto" that holds
    And Mo has added a link filter "spam.example" that blocks
    When Bob edits "clean text" to "now with crypto"
    Then it fails as "forbidden" with code "content_needs_review"
    When Bob schedules "crypto later" to "Team" in 1 hour
    Then it fails as "forbidden" with code "content_needs_review"
    When Bob forwards "visit spam.example" to "Bob & Cat"
    Then it fails as "forbidden" with code "content_blocked"

  Scenario: A dry run shows what a new filter would have caught in the latest messages, and adds nothing
    Given Bob has sent "win at the casino" to "Team"
    And Cat has sent "hello all" to "Team"
    And Bob has a direct conversation with Cat
    And Bob has sent "casino night" to "Bob & Cat"
    When Mo tries a word filter "casino" over the last 100 messages
    Then the dry run looked at 3 messages and caught "casino night, win at the casino"
    When Mo tries a word filter "casino" over the last 2 messages
    Then the dry run looked at 2 messages and caught "casino night"
    And Mo sees the filters ""
    When Mo tries a word filter "casino" over the last 0 messages
    Then it fails as "invalid"

  Scenario: Filters are added once, removed, and managed by moderators only
    Given Mo has added a word filter "casino" that blocks
    When Mo adds a word filter "CASINO" that holds
    Then it fails as "a conflict" with code "filter_exists"
    When Mo adds a link filter "not a host" that blocks
    Then it fails as "invalid"
    When Ann adds a word filter "rival" that blocks
    Then it fails as "forbidden"
    When Bob tries a word filter "rival" over the last 10 messages
    Then it fails as "forbidden"
    When Mo removes the filter "casino"
    Then it succeeds
    When Bob sends "casino royale" to "Team"
    Then it succeeds
